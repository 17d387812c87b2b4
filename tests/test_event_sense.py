"""Events as written: triggers only in their event sense, the weapon deciding how an attack is typed,
interceptions and explosives, past events dated by the text, planned and supposed events, actors that
act, and a confidence on every event."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newstrace.evaluation.real_acled import choose, fit_precedence
from newstrace.model import Document, Event
from newstrace.text.event_actors import acts
from newstrace.text.event_history import historical_year, past_times
from newstrace.text.event_lexicon import event_lexicon
from newstrace.text.event_modality import modality
from newstrace.text.event_sense import event_sense

Run = Callable[[str], Document]


def _events(run_text: Run, body: str, date: str = "2024-03-12") -> list[Event]:
    return list(run_text(f" date {date}\n\n{body}\n").events)


def _sense(sentence: str, word: str, lang: str = "en") -> bool:
    start = sentence.index(word)
    return event_sense(sentence, start, start + len(word), lang)


@pytest.mark.parametrize(
    ("sentence", "word", "lang"),
    [
        ("The army formed three new battle groups in the east.", "battle", "en"),
        ("Soldiers carried assault rifles through the square.", "assault", "en"),
        ("They bought infantry fighting vehicles last year.", "fighting", "en"),
        ("The minister called the remark offensive and unacceptable.", "offensive", "en"),
        ("His words were deeply offensive to veterans.", "offensive", "en"),
        ("The general tried to rally the troops before winter.", "rally", "en"),
        ("The company lost a long legal battle over the licence.", "battle", "en"),
        ("Il commande un groupe de combat de la brigade.", "combat", "fr"),
        ("The ministry will buy battle-tested air defence systems.", "battle", "en"),
        ("Attack-capable drones were shown at the fair.", "Attack", "en"),
        ("The government withdrew from the grain deal in July.", "withdrew", "en"),
        ("Both delegations pulled out of the talks on Friday.", "pulled out", "en"),
        ("The country withdrew its ambassador after the vote.", "withdrew", "en"),
    ],
)
def test_a_trigger_out_of_its_event_sense_is_no_event(sentence: str, word: str, lang: str) -> None:
    assert not _sense(sentence, word, lang)


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Heavy fighting continued near the river on Sunday.", "fighting"),
        ("The offensive began at dawn.", "offensive"),
        ("Thousands joined a rally against the war.", "rally"),
        ("The battle for the bridge lasted two days.", "battle"),
        ("The counter-offensive began at dawn.", "offensive"),
        ("Fighting - heavy at times - went on all night.", "Fighting"),
        ("The brigade withdrew from the town overnight.", "withdrew"),
        ("Troops withdrew their heavy guns from the river bank.", "withdrew"),
        ("The withdrawal of the Soviet Union's troops took months.", "withdrawal"),
    ],
)
def test_a_trigger_in_its_event_sense_stays(sentence: str, word: str) -> None:
    assert _sense(sentence, word)


@pytest.mark.parametrize(
    ("sentence", "word", "lang"),
    [
        # Adjectives, their copulas and conjunctions in the French pack.
        ("Ce discours est offensif envers les anciens combattants.", "offensif", "fr"),
        ("Une remarque offensive et blessante a choqué la salle.", "offensive", "fr"),
        # Figurative battles: each pack's modifiers before each pack's battle words.
        ("Cette politique combat la pauvreté des retraités.", "combat", "fr"),
        ("Sa politique lutte contre la hausse des prix.", "lutte", "fr"),
        ("Der politische Kampf um den Haushalt dauerte Monate.", "Kampf", "de"),
        ("Политическая борьба за бюджет длилась месяцы.", "борьба", "ru"),
        ("Судова битва за ліцензію тривала рік.", "битва", "uk"),
    ],
)
def test_adjectives_and_figurative_battles_in_every_pack(sentence: str, word: str, lang: str) -> None:
    assert not _sense(sentence, word, lang)


@pytest.mark.parametrize(
    ("sentence", "word", "lang"),
    [
        # An article after the conjunction: a second noun, so the trigger is a noun too.
        ("The offensive and the counter-offensive both failed.", "offensive", "en"),
        ("L'offensive et la riposte ont duré trois jours.", "offensive", "fr"),
    ],
)
def test_a_trigger_coordinated_with_a_noun_stays(sentence: str, word: str, lang: str) -> None:
    assert _sense(sentence, word, lang)


def test_artillery_shells_and_battle_groups_make_no_event(run_text: Run) -> None:
    events = _events(run_text, "The factory produces artillery shells for the new battle groups.")
    assert not [e for e in events if e.type in ("battle", "shelling")], [(e.type) for e in events]


@pytest.mark.parametrize(
    ("body", "etype"),
    [
        ("Rebel fighters fired small arms at army positions near Lebedyn.", "battle"),
        ("Government troops struck the village of Lebedyn with drones.", "air_or_drone_strike"),
        ("Government troops fired mortars at the village of Lebedyn.", "shelling"),
        ("Les forces rebelles ont tiré sur le village avec des mortiers.", "shelling"),
        ("Regierungstruppen griffen das Dorf mit Drohnen an.", "air_or_drone_strike"),
        ("Войска нанесли удар по селу из артиллерии.", "shelling"),
        ("Війська завдали удару по селу дронами.", "air_or_drone_strike"),
        ("Troops launched an air strike on the depot.", "air_or_drone_strike"),
        ("Army units attacked near the station but were pushed back.", "battle"),
    ],
)
def test_the_weapon_named_types_a_verb_of_force(run_text: Run, body: str, etype: str) -> None:
    types = [e.type for e in _events(run_text, body) if e.status == "asserted"]
    assert types and types[0] == etype, types


@pytest.mark.parametrize(
    "body",
    [
        "The storm struck the coast overnight.",
        "Local farmers were hit by the new export rules.",
        "The company launched a new phone.",
    ],
)
def test_a_verb_of_force_without_weapon_or_armed_force_is_no_event(run_text: Run, body: str) -> None:
    assert not _events(run_text, body)


@pytest.mark.parametrize(
    ("body", "etype"),
    [
        ("Air defence units shot down five drones over the region overnight.", "interception"),
        ("La défense aérienne a abattu quatre drones au-dessus de la région.", "interception"),
        ("Die Luftabwehr hat in der Nacht drei Drohnen abgeschossen.", "interception"),
        ("ПВО сбили три беспилотника над областью.", "interception"),
        (
            "Уночі сили протиповітряної оборони збили шість дронів над областю, повідомили військові.",
            "interception",
        ),
        ("Sappers defused a bomb found near the school.", "interception"),
        ("A farmer was injured when his tractor drove over a landmine.", "explosive"),
        ("A man was wounded in an explosion of a hand grenade at his home.", "explosive"),
        ("Un homme a été blessé par un engin explosif près de la gare.", "explosive"),
        ("Ein Mann wurde durch einen Sprengsatz am Bahnhof verletzt.", "explosive"),
        ("Мужчина подорвался на мине возле станции.", "explosive"),
        ("Чоловік підірвався на міні біля станції.", "explosive"),
    ],
)
def test_interceptions_and_explosives(run_text: Run, body: str, etype: str) -> None:
    types = [e.type for e in _events(run_text, body) if e.status == "asserted"]
    assert etype in types, types


def test_past_events_take_their_year_and_leave_the_news(run_text: Run) -> None:
    events = _events(run_text, "The town was shelled in 1943 by the retreating army.")
    old = [e for e in events if e.type == "shelling"]
    assert old and old[0].status == "historical" and old[0].date == "1943"
    war = _events(run_text, "During the Second World War the bridge was bombarded for weeks.")
    assert war and all(e.status == "historical" for e in war)
    assert war[0].date == "1939"
    news = _events(run_text, "The town, freed in 1943, was shelled again on Sunday.")
    assert [e.status for e in news if e.type == "shelling"] == ["asserted"]
    since = _events(run_text, "Troops have fought near the town since 2014.")
    assert [e.status for e in since if e.type == "battle"] == ["asserted"]


def test_past_times_in_every_language() -> None:
    assert [y for _, _, y in past_times("en 1944, pendant la Seconde Guerre mondiale")] == [1944, 1939]
    assert [y for _, _, y in past_times("im Zweiten Weltkrieg")] == [1939]
    assert [y for _, _, y in past_times("в 1943 году")] == [1943]
    assert [y for _, _, y in past_times("у 1990-х")] == [1990]
    assert historical_year("shelled in 2023", 0, 7, 2024, []) is None


@pytest.mark.parametrize(
    ("sentence", "word", "lang", "status"),
    [
        ("Analysts discussed the planned offensive in the south.", "offensive", "en", "future"),
        ("Officials warned of a possible attack on the port.", "attack", "en", "hypothetical"),
        ("Les experts évoquent l'offensive attendue au printemps.", "offensive", "fr", "future"),
        ("Experten sprechen über die geplante Offensive im Süden.", "Offensive", "de", "future"),
        ("Эксперты обсуждают планируемое наступление на юге.", "наступление", "ru", "future"),
        ("Експерти обговорюють запланований наступ на півдні.", "наступ", "uk", "future"),
        ("The army is preparing an offensive near the river.", "offensive", "en", "future"),
    ],
)
def test_planned_and_supposed_events(sentence: str, word: str, lang: str, status: str) -> None:
    start = sentence.index(word)
    assert modality(sentence, start, start + len(word), lang) == status


def test_used_weapons_to_fire_is_asserted() -> None:
    s = "Rebels used machine guns to fire upon the checkpoint."
    start = s.index("fire upon")
    assert modality(s, start, start + 9, "en") == "asserted"


def test_actors_are_names_that_can_act() -> None:
    assert not acts("Helicopter Crash")
    assert not acts("Minsk Agreement")
    assert acts("National Guard")
    assert acts("Ministry of Defence")


def test_every_event_has_a_confidence(run_text: Run) -> None:
    events = _events(run_text, "Russian troops shelled the city of Kherson on Monday.")
    assert events
    assert all(0.0 < e.confidence <= 1.0 for e in events)
    named = next(e for e in events if e.type == "shelling")
    vague = _events(run_text, "The forces struck again.")
    assert vague and vague[0].confidence < named.confidence


def test_weapon_precedence_from_the_vocabulary() -> None:
    lex = event_lexicon()
    assert lex.weapon_type("rifles and mortars", "en") == "battle"
    assert lex.weapon_type("artillery and drones", "en") == "air_or_drone_strike"
    assert lex.weapon_type("a landmine and a shell", "en") == "explosive"
    assert lex.weapon_type("no weapon here", "en") is None


def test_precedence_is_fitted_from_pairwise_wins() -> None:
    a = ("battle", "Battles", "Armed clash")
    b = ("shelling", "Explosions/Remote violence", "Shelling/artillery/missile attack")
    notes = [([b, a], "Armed clash")] * 3 + [([b], "Shelling/artillery/missile attack")]
    order = fit_precedence(notes)
    assert order.index("battle") < order.index("shelling")
    assert choose([b, a], order) == ("Battles", "Armed clash")
    assert choose([b, a], None) == ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert choose([], order) is None


def test_word_start_scanner_matches_one_alternation() -> None:
    import re

    from newstrace.text.first_chars import WordStartScanner, first_chars

    alts = [
        r"(?P<a>shell(?:ing|ed)\b)",
        r"(?P<b>(?:land)?mines?\b)",
        r"(?P<c>\w+ed fire)",
        r"(?P<d>[ée]changes?)",
    ]
    assert first_chars(r"(?:land)?mines?") == {"l", "L", "m", "M"}
    assert first_chars(r"\w+ed") is None
    plain = re.compile(r"(?<!\w)(?:" + "|".join(alts) + ")", re.IGNORECASE)
    scanner = WordStartScanner(alts)
    for text in [
        "Troops shelled the town; a landmine and mines; they opened fire.",
        "unshelled Mines échange Échanges exchanged fire",
        "",
    ]:
        got = [(m.start(), m.end(), m.lastgroup) for m in scanner.finditer(text)]
        assert got == [(m.start(), m.end(), m.lastgroup) for m in plain.finditer(text)]


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("The agency is fighting disinformation online.", "fighting"),
        ("The country is fighting for its survival.", "fighting"),
        ("It is a battle of wills between the two leaders.", "battle"),
        ("The economy was hit by a barrage of sanctions.", "barrage"),
        ("Analysts studied intercepted phone calls.", "intercepted"),
        ("The war clearly demonstrated that the alliance matters.", "demonstrated"),
        ("Families slept in the air raid shelter.", "air raid"),
    ],
)
def test_figurative_fights_and_other_senses(sentence: str, word: str) -> None:
    assert not _sense(sentence, word)


def test_since_an_era_is_not_dated_in_it() -> None:
    assert past_times("the largest call-up since the Second World War") == []


def test_a_launch_needs_a_weapon(run_text: Run) -> None:
    assert not _events(run_text, "The army launched a recruitment campaign in the spring.")
    types = [e.type for e in _events(run_text, "The army launched guided bombs at the bridge near Lebedyn.")]
    assert types == ["air_or_drone_strike"], types


@pytest.mark.parametrize(
    ("sentence", "word", "lang"),
    [
        ("Russia must withdraw its troops from the border.", "withdraw", "en"),
        ("The council urged both sides to stop the fighting.", "fighting", "en"),
        ("Its stated goal was the liberation of the region.", "liberation", "en"),
        ("La Russie doit retirer ses troupes de la frontière.", "retirer", "fr"),
        ("Russland muss den Rückzug seiner Truppen anordnen.", "Rückzug", "de"),
        ("Россия должна прекратить наступление на юге.", "наступление", "ru"),
        ("Росія повинна припинити наступ на півдні.", "наступ", "uk"),
    ],
)
def test_obligations_demands_and_goals_are_not_done(sentence: str, word: str, lang: str) -> None:
    start = sentence.index(word)
    assert modality(sentence, start, start + len(word), lang) == "hypothetical"


def test_a_demand_before_a_subordinate_clause_leaves_the_event_done() -> None:
    s = "The governor urged residents to leave after troops shelled the town."
    start = s.index("shelled")
    assert modality(s, start, start + 7, "en") == "asserted"


@pytest.mark.parametrize(
    ("sentence", "word", "lang"),
    [
        # A subordinator of each pack opens a clause the demand before it does not reach.
        (
            "Le maire a exhorté les habitants à partir après que les troupes ont bombardé la ville.",
            "bombardé",
            "fr",
        ),
        (
            "Der Bürgermeister forderte die Evakuierung nachdem Truppen die Stadt beschossen.",
            "beschossen",
            "de",
        ),
        ("Губернатор призвал жителей уехать после того как войска обстреляли город.", "обстреляли", "ru"),
        ("Влада закликає мешканців виїхати після того як війська обстріляли місто.", "обстріляли", "uk"),
        # A conjunction of each pack ends the clause whose negation it closes.
        ("The army did not retreat but shelled the town.", "shelled", "en"),
        ("L'armée n'a pas reculé mais a bombardé la ville.", "bombardé", "fr"),
        ("L'armée n'a pas reculé et a bombardé la ville.", "bombardé", "fr"),
        ("Die Armee zog sich nicht zurück und beschoss die Stadt.", "beschoss", "de"),
        ("Армия не отступила и обстреляла город.", "обстреляла", "ru"),
        ("Армія не відступила і обстріляла місто.", "обстріляла", "uk"),
        # An instrument of each pack: "to fire" tells how it was used, not a purpose.
        ("Les rebelles ont utilisé des mortiers pour bombarder le poste.", "bombarder", "fr"),
        ("Die Rebellen setzten Mörser ein, um den Posten zu beschießen.", "beschießen", "de"),
        ("Боевики использовали миномёты, чтобы обстрелять пост.", "обстрелять", "ru"),
        ("Бойовики застосували міномети, щоб обстріляти пост.", "обстріляти", "uk"),
    ],
)
def test_clauses_and_instruments_in_every_pack_leave_the_event_done(
    sentence: str, word: str, lang: str
) -> None:
    start = sentence.index(word)
    assert modality(sentence, start, start + len(word), lang) == "asserted"


@pytest.mark.parametrize(
    ("sentence", "word", "lang", "status"),
    [
        # The French future tense on the trigger itself.
        ("Le commandement bombardera la ville demain.", "bombardera", "fr", "future"),
        # A negation right after the verb: spoken French without "ne", a German verb before "nicht".
        ("Ils bombardent pas les civils, a-t-il assuré.", "bombardent", "fr", "negated"),
        ("Die Truppen griffen nicht an.", "griffen", "de", "negated"),
    ],
)
def test_the_verb_itself_tells_future_or_negation(sentence: str, word: str, lang: str, status: str) -> None:
    start = sentence.index(word)
    assert modality(sentence, start, start + len(word), lang) == status
