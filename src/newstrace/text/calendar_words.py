"""Month and weekday names, and relative-time words, in the languages newstrace reads.

Inflected forms are listed because news text uses them ("12 ноября", "у середу", "am Mittwoch").
Keys are lower-case; lookups fold case and accents where a language drops them in informal text.
"""

from __future__ import annotations

_MONTH_FORMS: dict[int, str] = {
    1: "january jan janvier janv januar jänner enero stycznia styczeń январь января январе "
    "січень січня січні",
    2: "february feb février fevrier févr fevr februar febrero lutego luty февраль февраля феврале "
    "лютий лютого лютому",
    3: "march mar mars märz maerz marzo marca marzec март марта марте березень березня березні",
    4: "april apr avril avr abril kwietnia kwiecień апрель апреля апреле квітень квітня квітні",
    5: "may mai mayo maja maj май мая мае травень травня травні",
    6: "june jun juin juni junio czerwca czerwiec июнь июня июне червень червня червні",
    7: "july jul juillet juil juli julio lipca lipiec июль июля июле липень липня липні",
    8: "august aug août aout agosto sierpnia sierpień август августа августе серпень серпня серпні",
    9: "september sep sept septembre septiembre setiembre września wrzesień сентябрь сентября сентябре "
    "вересень вересня вересні",
    10: "october oct octobre oktober octubre października październik октябрь октября октябре "
    "жовтень жовтня жовтні",
    11: "november nov novembre noviembre listopada listopad ноябрь ноября ноябре листопад листопада "
    "листопаді",
    12: "december dec décembre decembre déc dezember diciembre grudnia grudzień декабрь декабря декабре "
    "грудень грудня грудні",
}
MONTHS: dict[str, int] = {form: num for num, forms in _MONTH_FORMS.items() for form in forms.split()}

# Monday = 0, as in datetime.weekday().
_WEEKDAY_FORMS: dict[int, str] = {
    0: "monday lundi montag lunes poniedziałek понедельник понеділок",
    1: "tuesday mardi dienstag martes wtorek вторник вівторок",
    2: "wednesday mercredi mittwoch miércoles miercoles środa środę среда среду среды середа середу",
    3: "thursday jeudi donnerstag jueves czwartek четверг четвер",
    4: "friday vendredi freitag viernes piątek пятница пятницу п'ятниця п'ятницю пʼятниця пʼятницю",
    5: "saturday samedi samstag sonnabend sábado sabado sobota sobotę суббота субботу субота суботу",
    6: "sunday dimanche sonntag domingo niedziela niedzielę воскресенье неділя неділю",
}
WEEKDAYS: dict[str, int] = {form: num for num, forms in _WEEKDAY_FORMS.items() for form in forms.split()}

# Relative words: value is (unit, offset) with unit in day/week/month/year.
RELATIVE_PHRASES: dict[str, tuple[str, int]] = {
    # today
    "today": ("day", 0),
    "aujourd'hui": ("day", 0),
    "heute": ("day", 0),
    "hoy": ("day", 0),
    "dzisiaj": ("day", 0),
    "dziś": ("day", 0),
    "сегодня": ("day", 0),
    "сьогодні": ("day", 0),
    "this morning": ("day", 0),
    "ce matin": ("day", 0),
    "ce soir": ("day", 0),
    "tonight": ("day", 0),
    "heute morgen": ("day", 0),
    "сегодня утром": ("day", 0),
    # yesterday
    "yesterday": ("day", -1),
    "hier": ("day", -1),
    "gestern": ("day", -1),
    "ayer": ("day", -1),
    "wczoraj": ("day", -1),
    "вчера": ("day", -1),
    "вчора": ("day", -1),
    "hier soir": ("day", -1),
    "last night": ("day", -1),
    "avant-hier": ("day", -2),
    "vorgestern": ("day", -2),
    "позавчера": ("day", -2),
    "позавчора": ("day", -2),
    "tomorrow": ("day", 1),
    "demain": ("day", 1),
    "morgen": ("day", 1),
    "завтра": ("day", 1),
    # weeks
    "last week": ("week", -1),
    "la semaine dernière": ("week", -1),
    "la semaine passée": ("week", -1),
    "letzte woche": ("week", -1),
    "vergangene woche": ("week", -1),
    "la semana pasada": ("week", -1),
    "w zeszłym tygodniu": ("week", -1),
    "на прошлой неделе": ("week", -1),
    "минулого тижня": ("week", -1),
    "на минулому тижні": ("week", -1),
    "this week": ("week", 0),
    "cette semaine": ("week", 0),
    "diese woche": ("week", 0),
    "на этой неделе": ("week", 0),
    "цього тижня": ("week", 0),
    "earlier this week": ("week", 0),
    "en début de semaine": ("week", 0),
    # months
    "last month": ("month", -1),
    "le mois dernier": ("month", -1),
    "le mois passé": ("month", -1),
    "letzten monat": ("month", -1),
    "vergangenen monat": ("month", -1),
    "im vergangenen monat": ("month", -1),
    "el mes pasado": ("month", -1),
    "w zeszłym miesiącu": ("month", -1),
    "в прошлом месяце": ("month", -1),
    "минулого місяця": ("month", -1),
    "this month": ("month", 0),
    "ce mois-ci": ("month", 0),
    "earlier this month": ("month", 0),
    "début du mois": ("month", 0),
    "du début du mois": ("month", 0),
    "en début de mois": ("month", 0),
    "diesen monat": ("month", 0),
    "в этом месяце": ("month", 0),
    "цього місяця": ("month", 0),
    "anfang des monats": ("month", 0),
    # years
    "last year": ("year", -1),
    "l'année dernière": ("year", -1),
    "l'an dernier": ("year", -1),
    "l'année passée": ("year", -1),
    "de l'année dernière": ("year", -1),
    "letztes jahr": ("year", -1),
    "im vergangenen jahr": ("year", -1),
    "vergangenes jahr": ("year", -1),
    "el año pasado": ("year", -1),
    "w zeszłym roku": ("year", -1),
    "в прошлом году": ("year", -1),
    "минулого року": ("year", -1),
    "торік": ("year", -1),
    "this year": ("year", 0),
    "earlier this year": ("year", 0),
    "cette année": ("year", 0),
    "plus tôt cette année": ("year", 0),
    "du début de cette année": ("year", 0),
    "en début d'année": ("year", 0),
    "dieses jahr": ("year", 0),
    "anfang des jahres": ("year", 0),
    "este año": ("year", 0),
    "w tym roku": ("year", 0),
    "в этом году": ("year", 0),
    "цього року": ("year", 0),
    "этого года": ("year", 0),
}

# Words that narrow a month to its beginning, middle or end ("fin septembre", "Ende September").
MONTH_PARTS: dict[str, str] = {
    "début": "early",
    "debut": "early",
    "early": "early",
    "beginning of": "early",
    "anfang": "early",
    "в начале": "early",
    "на початку": "early",
    "principios de": "early",
    "początek": "early",
    "mi": "mid",
    "mi-": "mid",
    "mid": "mid",
    "mid-": "mid",
    "mitte": "mid",
    "в середине": "mid",
    "у середині": "mid",
    "mediados de": "mid",
    "fin": "late",
    "end of": "late",
    "late": "late",
    "ende": "late",
    "в конце": "late",
    "наприкінці": "late",
    "в кінці": "late",
    "у кінці": "late",
    "finales de": "late",
    "koniec": "late",
}
MONTH_PART_WORDS = frozenset(
    word.strip("-") for phrase in MONTH_PARTS for word in phrase.split() if len(word.strip("-")) > 1
) | {"end", "beginning", "конце", "начале", "середине", "кінці", "початку", "середині"}
