-- Version 13: a document's capabilities (the "stages" column) name the Document fields its stages
-- filled: "entities" is "mentions"; "boilerplate" is "flags" and "removed"; the claims stage also
-- filled "attributions". The list stays a JSON list of strings (no longer sorted in old rows).

UPDATE documents SET stages = replace(
    replace(
        replace(stages, '"entities"', '"mentions"'),
        '"boilerplate"', '"flags", "removed"'
    ),
    '"claims"', '"attributions", "claims"'
)
WHERE stages LIKE '%"entities"%' OR stages LIKE '%"boilerplate"%'
   OR (stages LIKE '%"claims"%' AND stages NOT LIKE '%"attributions"%');
