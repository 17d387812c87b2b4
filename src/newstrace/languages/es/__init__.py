"""Spanish. No installable NER model: places and people come from the gazetteer and the knowledge base."""

from newstrace.languages.pack import LanguagePack

PACK = LanguagePack(
    code="es",
    name="Spanish",
    ner=None,
    # text2num reads Spanish; "un", "una", "uno" are left out (articles far more often than counts).
    text2num_words="dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince "
    "dieciséis "
    "diecisiete dieciocho diecinueve veinte veintiún veintiuno veintidós veintitrés veinticuatro veinticinco "
    "veintiséis veintisiete veintiocho veintinueve treinta cuarenta cincuenta sesenta setenta "
    "ochenta noventa "
    "cien ciento doscientos doscientas trescientos trescientas cuatrocientos quinientos seiscientos "
    "setecientos ochocientos novecientos mil",
    number_joiners=("y",),
    multipliers={"mil": 1000, "millón": 1_000_000, "millones": 1_000_000},
    # "miles" alone is also the English word: only "miles de" counts.
    figure_context={
        "range_links": r"y|o|a",
        "range_openers": r"entre|de",
        "year_before": r"en|desde|año|de",
        "age_after": r"años",
    },
    collectives={
        "una docena": (12, 12, "about"),
        "decenas": (20, None, "at_least"),
        "decenas de miles": (20000, None, "at_least"),
        "cientos de miles": (200000, None, "at_least"),
        "cientos": (200, None, "at_least"),
        "centenares": (200, None, "at_least"),
        "miles de": (2000, None, "at_least"),
        "la mitad": (0.5, 0.5, "exact"),
    },
    bounds={
        "hasta": "at_most",
        "menos de": "at_most",
        "al menos": "at_least",
        "por lo menos": "at_least",
        "más de": "above",
        "unos": "about",
        "unas": "about",
        "alrededor de": "about",
        "cerca de": "about",
        "aproximadamente": "about",
        "casi": "below",
    },
    months={
        1: "enero",
        2: "febrero",
        3: "marzo",
        4: "abril",
        5: "mayo",
        6: "junio",
        7: "julio",
        8: "agosto",
        9: "septiembre setiembre",
        10: "octubre",
        11: "noviembre",
        12: "diciembre",
    },
    weekdays={
        0: "lunes",
        1: "martes",
        2: "miércoles miercoles",
        3: "jueves",
        4: "viernes",
        5: "sábado sabado",
        6: "domingo",
    },
    relative_phrases={
        "hoy": ("day", 0),
        "esta mañana": ("day", 0),
        "ayer": ("day", -1),
        "anoche": ("day", -1),
        "anteayer": ("day", -2),
        "la semana pasada": ("week", -1),
        "esta semana": ("week", 0),
        "el mes pasado": ("month", -1),
        "este mes": ("month", 0),
        "el año pasado": ("year", -1),
        "este año": ("year", 0),
    },
    date_links=("de",),
    month_parts={"principios de": "early", "mediados de": "mid", "finales de": "late"},
    event_heads=r"grupos?|unidad(?:es)?|tanques?|fusil(?:es)?|helicópteros?|avi(?:ón|ones)|brigadas?|"
    r"batall(?:ón|ones)|vehículos?|dron(?:es)?|buques?|tropas",
    event_head_links=r"de",
    armed_forces=r"fuerzas|tropas|ejército|militares|soldados|rebeldes|combatientes|milicias?|insurgentes|"
    r"separatistas",
    modality={
        "negation": r"\bno\b|\bnunca\b|\bjamás\b|\bsin\b|\bneg(?:ó|aron|ado)\b|\bdesmint\w*",
        "hypothetical": r"\bsi\b|\bpodría\w*|\bpodrían\b|\bamenaz\w*|\ben caso de\b|\bposibles?\b|"
        r"\beventual\w*",
        "obligation": r"\bdeb(?:e|en|ería|erían)\b|\binst(?:ó|aron|a|an) a\b|\bexig\w*|\bobjetivos?\b",
        "purpose": r"(?:\bpara|\bcon el fin de|\bintentar|\bintentaron|\btrataron de)\s+$",
        "future": r"\bva a\b|\bvan a\b|\bplane(?:a|an)\b|\bprevé\w*|\bse prepar\w*",
        "planned_before": r"\b(?:próxim[oa]s?|futur[oa]s?)\s+$",
        "planned_after": r"^\s+(?:previst[oa]s?|esperad[oa]s?|anunciad[oa]s?|planead[oa]s?)\b",
        "supposed_before": r"\b(?:posibles?|eventual\w*|supuest[oa]s?)\s+$",
        "supposed_after": r"^\s+(?:posibles?|eventual\w*|temid[oa]s?)\b",
    },
    claim_kinds={
        "killed_or_wounded": r"muertos y heridos|heridos y muertos|bajas",
        "captured": r"prisioner\w*|capturad\w*|detenid\w*|rehenes",
        "missing": r"desaparecid\w*",
        "wounded": r"herid[oa]s?|lesionad\w*",
        "killed": r"muert[oa]s?|muri(?:ó|eron|endo)|fallec\w*|perdi(?:ó|eron) la vida|asesinad\w*|"
        r"mat(?:ó|aron|ad[oa]s?)|víctimas mortales",
        "fled": r"refugiad\w*|hu(?:yeron|yó|yendo)",
        "displaced": r"desplazad\w*|evacuad\w*|deportad\w*",
    },
    claim_words={
        "people": r"personas|civiles|soldados|militares|niños|mujeres|habitantes|residentes|combatientes",
        "civilian": r"civiles?|habitantes",
        "source_before": r"según|de acuerdo con|citando a",
        "speech": r"dijo|afirmó|informó|declaró|aseguró|señaló|indicó|anunció|añadió|precisó|estimó",
        "pronoun_subject": r"él|ella|ellos|ellas",
    },
    # Capitalised words are not read as places: in Spanish running text they are as often surnames and
    # names of units ("Hulusi Akar", "Mando Operativo Sur" found Bhutan's Jakar and Oman's Sur); places
    # come after a preposition ("la ciudad de Járkov", "cerca de Odesa") or from the knowledge base.
    bare_names=False,
    place_prepositions=("en", "cerca de", "desde", "hacia"),
)
