"""Recognise crisis language in any free text, so the bot can answer at once with the helplines.

Pure on purpose: no I/O, no clock, no Telegram. Recall comes first: a missed cry for help is far
worse than an extra helpline card, so the patterns are broad and the exclusions narrow. An
exclusion only looks at the phrase that matched and a few words around it, never at the whole
message, so a figure of speech elsewhere cannot hide a real signal; where even that is too
wide (a compound such as "zelfmoordactie"), the exclusion is a lookahead on the word itself.

How it works: the text is normalised (accents, case, chat spelling, stretched letters), then
word-bounded regular expressions, grouped per kind below, are searched in it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["CrisisKind", "CrisisSignal", "detect_crisis"]


class CrisisKind(StrEnum):
    """What the text seems to be about; the reply may pick helplines by kind."""

    SUICIDE = "suicide"
    SELF_HARM = "self_harm"
    VIOLENCE_AT_HOME = "violence_at_home"
    SEXUAL_ABUSE = "sexual_abuse"
    ACUTE_DANGER = "acute_danger"


@dataclass(frozen=True)
class CrisisSignal:
    """All kinds found in one message; never empty."""

    kinds: frozenset[CrisisKind]


# --------------------------------------------------------------------------------------------
# Normalising
# --------------------------------------------------------------------------------------------

# Typographic apostrophes become plain ones before NFKD could split them into accents.
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "′": "'"})

# Dutch clitics with an apostrophe, expanded before other apostrophes are dropped.
_CLITICS = (
    (re.compile(r"(?<![a-z])'k\b"), "ik"),
    (re.compile(r"\bm'n\b"), "mijn"),
    (re.compile(r"\bz'n\b"), "zijn"),
    (re.compile(r"\bd'r\b"), "er"),
    (re.compile(r"\b(?:ca|can)n't\b"), "can not"),
    (re.compile(r"\bwon't\b"), "will not"),
)

# Chat spellings and contractions, one token to one or more tokens.
_TOKENS = {
    # Dutch
    "k": "ik",
    "kwil": "ik wil",
    "kben": "ik ben",
    "kheb": "ik heb",
    "kga": "ik ga",
    "kzie": "ik zie",
    "kdenk": "ik denk",
    "kdoe": "ik doe",
    "ksnij": "ik snij",
    "kkan": "ik kan",
    "ksta": "ik sta",
    "kzit": "ik zit",
    "kvoel": "ik voel",
    "kweet": "ik weet",
    "kdurf": "ik durf",
    "nie": "niet",
    "ni": "niet",
    "nt": "niet",
    "nimeer": "niet meer",
    "niemr": "niet meer",
    "mr": "meer",
    "mer": "meer",
    "t": "het",
    "mn": "mijn",
    "mun": "mijn",
    "zn": "zijn",
    "dr": "er",
    "gwn": "gewoon",
    "gewn": "gewoon",
    "egt": "echt",
    "eg": "echt",
    "mzelf": "mezelf",
    "mijzelf": "mezelf",
    "mezelv": "mezelf",
    "myn": "mijn",
    "mjin": "mijn",
    "zichzelv": "zichzelf",
    "wl": "wil",
    "wll": "wil",
    "wiel": "wil",
    # English
    "im": "i am",
    "ive": "i have",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "cant": "can not",
    "cannot": "can not",
    "isnt": "is not",
    "arent": "are not",
    "wasnt": "was not",
    "werent": "were not",
    "havent": "have not",
    "hasnt": "has not",
    "its": "it is",
    "whats": "what is",
    "theres": "there is",
    "wanna": "want to",
    "gonna": "going to",
    "wantto": "want to",
    "u": "you",
    "ur": "your",
    "myslef": "myself",
    "urself": "yourself",
    "kys": "kill yourself",
    "mysef": "myself",
}

# Pronouns written apart ("me zelf") and a few words people split.
_JOINS = (
    (re.compile(r"\b(?:me|mij|m) zelf\b"), "mezelf"),
    (re.compile(r"\bzich zelf\b"), "zichzelf"),
    (re.compile(r"\bje zelf\b"), "jezelf"),
    (re.compile(r"\bhaar zelf\b"), "haarzelf"),
    (re.compile(r"\bmy self\b"), "myself"),
    (re.compile(r"\byour self\b"), "yourself"),
    (re.compile(r"\bher self\b"), "herself"),
    (re.compile(r"\bhim self\b"), "himself"),
)

_REPEATS_TO_TWO = re.compile(r"([a-z])\1{2,}")
# Digits typed for letters inside a word that starts with a letter: "d00d", "d1e", "k1ll".
_LEET_WORD = re.compile(r"\b[a-z][a-z0-9]*[0-9][a-z0-9]*\b")
_LEET = str.maketrans("013457", "oieast")
_ELLIPSIS = re.compile(r"\.{2,}|…")
_CLAUSE_BREAK = re.compile(r"[.!?;:,\n\r]+")
_NOT_A_WORD = re.compile(r"[^a-z0-9.' ]+")


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _drop_mark(match: re.Match[str]) -> str:
    return "" if unicodedata.combining(match[0]) else match[0]


def _strip_accents(text: str) -> str:
    """NFKD splits 'ï' into 'i' plus a mark; dropping the marks makes accents optional."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    # Only the few non-ASCII characters are looked at, one by one.
    return _NON_ASCII.sub(_drop_mark, decomposed).casefold()


def _expand_tokens(text: str) -> str:
    """Chat spelling to full words, so the patterns can stay readable."""
    out: list[str] = []
    for token in text.split(" "):
        if not token:
            continue
        # "10 kms" is a distance, not "kill myself".
        if token == "kms" and not (out and out[-1][-1:].isdigit()):
            out.append("kill myself")
        else:
            out.append(_TOKENS.get(token, token))
    return " ".join(out)


def _forms(text: str) -> list[str]:
    """The comparable forms of a text: one, or two when letters are stretched.

    A run of three or more letters becomes two ("dooood" stays "dood") and, in a second form,
    one ("willl" becomes "wil"); the detector tries both. The second form keeps only the clauses
    that differ, with a clause either side, so a long message costs one pass, not two.
    """
    text = _strip_accents(text)
    text = _LEET_WORD.sub(lambda m: m[0].translate(_LEET), text)
    if not _REPEATS_TO_TWO.search(text):
        return [_normalise(text)]
    two = _normalise(_REPEATS_TO_TWO.sub(r"\1\1", text))
    one = _normalise(_REPEATS_TO_TWO.sub(r"\1", text))
    return [two, _changed_clauses(one, two)]


def _changed_clauses(form: str, other: str) -> str:
    """`form` cut down to the clauses that differ from `other`, and their neighbours."""
    clauses, others = form[1:-2].split(" . "), other[1:-2].split(" . ")
    if len(clauses) != len(others):
        return form
    changed = [i for i, (a, b) in enumerate(zip(clauses, others, strict=True)) if a != b]
    keep = sorted({i + d for i in changed for d in (-1, 0, 1)} & set(range(len(clauses))))
    return " " + " . ".join(clauses[i] for i in keep) + " ."


def _normalise(text: str) -> str:
    """One comparable form: lowercase ASCII words, one space apart, clause breaks as ' . '.

    Every word, the first too, follows a space, so that a pattern can start with a plain space
    where it means "a word starts here" (a search for a literal is much faster than for \\b).
    """
    for pattern, replacement in _CLITICS:
        text = pattern.sub(replacement, text)
    text = text.replace("'", "")
    # "ik wil... dood" is one thought; a full stop, comma or new line ends a clause.
    text = _ELLIPSIS.sub(" ", text)
    text = _CLAUSE_BREAK.sub(" . ", text)
    text = _NOT_A_WORD.sub(" ", text)
    text = _expand_tokens(text)
    for pattern, replacement in _JOINS:
        text = pattern.sub(replacement, text)
    # A final clause break lets "up to n words" patterns end on the last word.
    return " " + text + " ."


# --------------------------------------------------------------------------------------------
# Building blocks for the patterns. Each ends with a space where it stands for words, so that
# "<W>{0,3}" reads as "up to three words".
# --------------------------------------------------------------------------------------------

_PARTS: dict[str, str] = {
    # any one word
    "W": r"(?:[a-z0-9]+ )",
    # small words that may stand between "wil" and "dood" without changing the meaning
    "ADV": r"(?:(?:gewoon|echt|liever|liefst|het liefst|graag|zo graag|soms|eigenlijk|nu|dan|ook"
    r"|al|wel|nog|er|zelf|heel|erg|nou|dus|toch|misschien|vaak|steeds|alleen|maar|sowieso"
    r"|zelfs|weer|opnieuw|zo|gisteren|vandaag|vanavond|vannacht|morgen|straks|elke dag|echt"
    r"|gewoon echt|nog steeds|ook gewoon|serieus|letterlijk|helemaal|allemaal|hier|gaan|ga"
    r"|gisteravond|vanmiddag|vanochtend|vanmorgen|vannacht|laatst|stiekem|daarna|dan weer"
    r"|ff|even|effe|eff|expres|express|met opzet|opzettelijk|bewust"
    r"|gaat|zal|zou|wil|wel eens|weleens|net|zojuist|zonet) )",
    # the end of a clause: a break, the end, or a word that starts a new clause
    "CLAUSE_END": r"(?= ?(?:\.|$|(?:en|want|maar|als|omdat|sinds|toen|dus|lol)\b))",
    "ADV_EN": r"(?:(?:just|really|honestly|literally|actually|so|seriously|kinda|still|now"
    r"|sometimes|often|totally|fr|lowkey|simply) )",
    # possessives, with chat "me" for "mijn"
    "POSS": r"(?:mijn|me|mij|zijn|haar|hun|onze|ons|je|jouw|de|het|z'n)",
    "PERSON": r"(?:moeder|vader|mama|papa|mam|pap|ma|pa|moeders|vaders|broer|broertje|broers|zus"
    r"|zusje|zussen|zoon|zoontje|dochter|dochtertje|kind|kindje|kinderen|kids|baby|vrouw|man"
    r"|vriend|vriendin|partner|stiefvader|stiefmoeder|stiefpa|stiefma|stiefbroer|stiefzus"
    r"|opa|oma|oom|tante|neef|nicht|neefje|nichtje|ouders|ex|gezin|familie)",
    "SELF": r"(?:mezelf|zichzelf|jezelf|haarzelf|hemzelf|onszelf|hunzelf)",
    "BODY": r"(?:arm|armen|onderarm|onderarmen|pols|polsen|been|benen|bovenbeen|bovenbenen|dij"
    r"|dijen|buik|huid|hand|handen|enkel|enkels|heup|heupen|schouder|schouders|borst|nek)",
    "DEAD": r"(?:doo?[dt])",
    "WANT": r"(?:wil|wilt|willen|wou|wilde|wilden|will)",
    # "ij" is often typed "y" or "ei": snij, sny, snei.
    "CUT": r"(?:sn(?:ij|y|ei)(?:d|dt|t|den|de|dde)?|sneed|sneden|gesneden|gesneeden)",
    "SCRATCH": r"(?:kras|krast|krassen|kraste|krasten|gekrast)",
    "BURN": r"(?:brand|brandt|branden|brandde|brandden|gebrand)",
    "HIT": r"(?:sla|slaat|slaan|sloeg|sloegen|schop|schopt|schoppen|schopte|schopten|trap|trapt"
    r"|trappen|trapte|trapten|stomp|stompt|stompen|stompte|mep|mept|meppen|mepte|knijp|knijpt"
    r"|kneep|wurg|wurgt|wurgde|wurgen|tuigt|tuigde)",
    "WEAPON": r"(?:mes|messen|keukenmes|vleesmes|broodmes|stanleymes|pistool|revolver|vuurwapen"
    r"|wapen|wapens|geweer|bijl|hakbijl|knuppel|honkbalknuppel|boksbeugel|schaar)",
    "DRUG": r"(?:pillen|pilletjes|pil|tabletten|tabletjes|medicijnen|medicatie|medicijn"
    r"|paracetamol|paracetamolletjes|ibuprofen|oxazepam|diazepam|temazepam|lorazepam"
    r"|slaappillen|slaappil|slaapmiddel|slaapmiddelen|antidepressiva|lithium|insuline|xtc"
    r"|oxycodon|tramadol|codeine|pijnstillers|strip|strips|doos|doosje|doosjes|dozen|pot|potje"
    r"|potjes)",
    "SWALLOWED": r"(?:geslikt|ingenomen|genomen|gegeten|opgegeten|opgeslikt|doorgeslikt|slikken"
    r"|innemen|in te nemen|te slikken|in genomen|nemen|te nemen)",
    "QTY": r"(?:alle|al|te veel|teveel|veel|heel veel|een hele|hele|de hele|een handvol|handvol"
    r"|een heleboel|een doos|een doosje|een strip|een pot|een potje|een flesje|een fles"
    r"|een zak|een zakje|[0-9]{2,}|tien|twintig|dertig|veertig|vijftig"
    r"|(?:[0-9]|twee|drie|vier|vijf)(?= (?:strips|doosjes|dozen|potjes|flesjes|flessen)\b))",
    "EN_DRUG": r"(?:pills|pill|tablets|tablet|meds|medication|medicine|medicines|paracetamol"
    r"|tylenol|ibuprofen|sleeping pills|painkillers|antidepressants|xanax)",
    "EN_SELF": r"(?:myself|herself|himself|themselves|themself|yourself)",
    "EN_FAMILY": r"(?:mom|mum|mother|dad|father|sister|brother|son|daughter|kid|kids|child"
    r"|children|wife|husband|baby|stepmom|stepmum|stepdad|stepfather|stepmother|partner|family)",
}
# Someone another person can hurt: "me", "ons", "mijn moeder", "de kinderen".
_PARTS["OBJ"] = (
    r"(?:me|mij|ons|hem|haar|jou|mama|papa|mam|pap|de kinderen|de kids|het kind|de baby"
    r"|<POSS> (?:kleine |jongste |oudste |grote |kleinste )?<PERSON>)"
)
# Someone who can be touched sexually, or a part of the body.
_PARTS["SOBJ"] = (
    r"(?:me|mij|haar|hem|ons|<POSS> (?:<W>)?(?:lichaam|lijf|borsten|borst|billen|kont|kruis"
    r"|piemel|penis|vagina|plassertje|plasser|geslachtsdeel|geslachtsdelen|onderbroek|ondergoed"
    r"|dochter|dochtertje|zoon|zoontje|kind|kindje|kinderen|stiefdochter|stiefzoon|nichtje"
    r"|neefje|zusje|broertje|zus|broer))"
)

_PART = re.compile(r"<([A-Z_]+)>")


def _expand(pattern: str) -> str:
    """Replace <NAME> with its building block, recursively."""
    while _PART.search(pattern):
        pattern = _PART.sub(lambda m: _PARTS[m[1]], pattern)
    return pattern


@dataclass(frozen=True)
class _Rule:
    """One pattern, the kinds it signals, an optional figure-of-speech exclusion, and an
    optional second pattern that must also occur somewhere in the text."""

    kinds: frozenset[CrisisKind]
    pattern: re.Pattern[str]
    unless: re.Pattern[str] | None
    also: re.Pattern[str] | None = None


_RULES: list[_Rule] = []


def _top_level_alternatives(pattern: str) -> list[str]:
    """Split a pattern at the bars that are outside any group or character class."""
    alternatives, start, depth, in_class, i = [], 0, 0, False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "|" and depth == 0:
            alternatives.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*alternatives, pattern[start:]]


def _rule(
    kinds: CrisisKind | tuple[CrisisKind, ...], pattern: str, unless: str = "", also: str = ""
) -> None:
    """Register a pattern; `unless` is searched only around the phrase that matched, `also`
    anywhere in the text (two searches, so a long message stays linear).

    Every alternative must start at a word (with \\b); the compiled pattern starts with the
    space that precedes every word in the normalised text, which lets the regex engine skip
    straight to the spaces instead of trying every position.
    """
    kind_set = frozenset(kinds) if isinstance(kinds, tuple) else frozenset({kinds})
    expanded = _expand(pattern)
    if not all(alt.startswith(r"\b") for alt in _top_level_alternatives(expanded)):
        raise ValueError(f"every alternative must start with \\b: {pattern[:60]}")
    _RULES.append(
        _Rule(
            kinds=kind_set,
            pattern=re.compile(f" (?:{expanded})"),
            unless=re.compile(_expand(unless)) if unless else None,
            also=re.compile(_expand(also)) if also else None,
        )
    )


SUICIDE = CrisisKind.SUICIDE
SELF_HARM = CrisisKind.SELF_HARM
VIOLENCE = CrisisKind.VIOLENCE_AT_HOME
SEXUAL = CrisisKind.SEXUAL_ABUSE
ACUTE = CrisisKind.ACUTE_DANGER

# Figures of speech around "dood": dying of laughter, shame, boredom.
_DEAD_FIGURES = (
    r"<DEAD> (?:gaan )?van (?:het lachen|schaamte|de schaamte|verveling|de honger|de dorst"
    r"|de kou|de hitte|de warmte|de zenuwen|nieuwsgierigheid)"
    # "dood" as an intensifier: "dood eenvoudig", "dood graag"
    r"|<DEAD> (?:graag|eenvoudig|simpel|normaal|stil|eng|moe|op|leuk|zonde|jammer|ziek|saai"
    r"|makkelijk|gemakkelijk)\w*"
)

# "Mijn moeder vermoordt me" when late home is a figure of speech: a parent or teacher as the
# subject of a main clause, "me" as the object, and the clause ends on a laugh ("lol", "haha") or
# on being late or a bad mark. Said bare, it may be meant: when in doubt, the card. Not a figure
# either: "help, mijn vader vermoordt me", "dat hij me vermoordt", "dreigt me te vermoorden",
# "vermoordt me als ik iets vertel", a stepfather or a partner as the subject.
_FIGURE_PARENT = (
    r"(?:(?:mijn|me) (?:moeder|vader|mama|papa|ma|pa|mam|pap|moeders|vaders|ouders|juf|meester"
    r"|leraar|lerares|mentor|trainer|coach|baas)|mama|papa|mam|pap)"
)
_FIGURE_TAIL = (
    r"(?: (?:echt|gewoon|straks|zo|nog|wel|hoor|letterlijk))*"
    r"(?:(?: (?:lol|haha\w*|xd|hihi\w*))+(?: \.|$)| (?:als|want) ik <W>{0,3}(?:te laat|laat thuis"
    r"|onvoldoende|slechte? cijfers?|blijf zitten|zak\b|gezakt|kwijt|kapot|vergeten))"
)
_FIGURE_KILLS = (
    r"(?:vermoord(?:t|en)? (?:me|mij)|(?:maakt|maken) (?:me|mij) af"
    r"|(?:gaat|gaan) (?:me|mij) (?:vermoorden|afmaken))"
)
_FIGURE_FILLERS = r"(?: (?:echt|gewoon|straks|zo|nog|wel|hoor|letterlijk|lol|haha\w*|xd))*"
_KILL_FIGURE_NL = (
    rf"(?:^|\. |\b(?:en|maar|oh|oei|oeps|shit|nee|jeetje|fuck|haha\w*|lol|omg|echt|dus) )"
    rf"{_FIGURE_PARENT} {_FIGURE_KILLS}{_FIGURE_TAIL}"
    # The reason said first: "ik ben te laat, mijn moeder vermoordt me".
    rf"|\b(?:te laat|laat thuis|onvoldoende|slechte? cijfers?|blijf zitten|gezakt|kwijt|kapot"
    rf"|vergeten)(?: <W>{{0,2}})? \. {_FIGURE_PARENT} {_FIGURE_KILLS}{_FIGURE_FILLERS}(?: \.|$)"
    # A condition said first: "ik moet naar huis, anders vermoordt mijn moeder me".
    rf"|\b(?:anders|dan) (?:vermoord(?:t|en)?|maakt|maken) {_FIGURE_PARENT} (?:me|mij)(?: af)?"
    rf"{_FIGURE_FILLERS}(?: \.|$)"
)
_KILL_FIGURE_EN = (
    r"(?:^|\. |\b(?:and|but|oh|omg|shit|lol|fuck|ugh|so) )my (?:mom|mum|dad|mother|father"
    r"|parents|teacher|coach)s? (?:is |are |will |would )?(?:going to )?(?:literally )?kill me"
    r"(?:(?: (?:lol|haha\w*|lmao))+(?: (?:fr|literally|for real))*(?: \.|$)"
    r"| (?:if|when) i <W>{0,3}(?:late|fail|failed|lose|lost|break|broke))"
)

# --------------------------------------------------------------------------------------------
# Suicide: wanting to die, not wanting to live, plans and goodbye letters.
# --------------------------------------------------------------------------------------------

# Compounds where the word means reckless or is news, not a cry for help: "zelfmoordactie" on
# the football pitch, a "suicide pass", a "zelfmoordaanslag" on the news. The lookahead keeps
# the exclusion on the word itself, so "zelfmoord" elsewhere in the message still counts.
_NOT_SUICIDE_COMPOUND = (
    r"(?![a-z]{0,2} ?(?:actie|pass|aanslag|terror|commando|missie|vest|squad|mission|bomb"
    r"|drill|sprint|run\b|runs\b))"
)
# The words themselves, with typos: zelfmoord, zelfmoort, zelmoord, zelfmord, selfmoord,
# zelvmoord, zefmoord, zelf moord, zelfdoding, selfdoding. At least an "el", "lf" or "ef" is
# needed, so "smoorde" (braised) is not one of them.
_rule(SUICIDE, rf"\b[zs](?:e?ll?[fv]?|e[fv]) ?moo?r[dt]{_NOT_SUICIDE_COMPOUND}\w*")
_rule(SUICIDE, r"\b[zs]e?l[fv] ?dod\w*")
# "zm" is chat spelling of zelfmoord, but also of "zo meteen" ("ik bel je zm", "tot zm", "ik
# ga zm", "ik ga het zm doen"): only with a verb, a noun or a preposition that belongs to
# zelfmoord: "zm plegen", "denk aan zm", "zm gedachtes", "wil zm" at the end of a clause.
_rule(
    SUICIDE,
    r"\bzm ?(?:plegen|pleeg|pleegt|te plegen|gepleegd|pleegde|poging\w*|gedacht\w*"
    r"|neiging\w*|plan\w*|brie[fv]\w*)\b|\b(?<!het )(?<!dat )(?<!dit )(?<!wel )zm doen\b"
    r"|\b(?:aan|over) zm\b|\b<WANT> <ADV>{0,2}zm<CLAUSE_END>",
)
# The verb first: "ik pleeg zm", "ik overweeg zm", "poging tot zm", "dreigt met zm". Not "ik
# pleeg zm even een telefoontje" (I'll make a call in a moment): no object may follow.
_rule(
    SUICIDE,
    r"\b(?:pleeg|pleegt|plegen|pleegde|pleegden|gepleegd|overweeg|overweegt|overwegen|overwoog"
    r"|overwogen|poging tot|pogingen tot|dreig\w* met) <ADV>{0,2}zm\b"
    r"(?! (?:een|n|even|ff|eff|effe|snel|nog|wat|dat|het|die|deze|dit|de|mijn|je|jouw|zijn|haar"
    r"|te|om|[a-z]*(?:telefoon|belletje|gesprek|overval|inbraak|aankoop)\w*)\b)"
    r"|\bzm <ADV>{0,2}(?:overwegen|overweeg|overweegt|te overwegen|overwoog|overwogen)\b",
)
# suicide, suïcidaal, suicidal, suiside, sucide; not the sprint drill "running suicides".
_rule(
    SUICIDE,
    rf"\bs[uy]i?[cs]{{1,2}}[iy]?d{_NOT_SUICIDE_COMPOUND}(?!es\b)\w*"
    r"|\b(?<!run )(?<!ran )(?<!runs )(?<!running )(?<!doing )s[uy]i?[cs]{1,2}[iy]?des\b",
)
# Slang that dodges filters on social media: "unalive myself", "sewerslide".
_rule(SUICIDE, r"\bun ?aliv\w*|\bsewer ?slid\w*")
# Typed without spaces: "ikwildood", "kwilsterven".
_rule(SUICIDE, r"\b(?:ik|k)?wil(?:dood|doodgaan|sterven|nietmeerleven|ernietmeerzijn)\b")
# "ik wil dood", "wil gewoon doodgaan", "ik wil sterven".
_rule(
    SUICIDE,
    r"\b<WANT> <ADV>{0,4}(?:<DEAD>(?: ?gaan)?|sterven|overlijden)\b",
    unless=_DEAD_FIGURES,
)
# "dat ze dood wil", "dood wilt gaan".
_rule(SUICIDE, r"\b<DEAD>(?: ?gaan)? <ADV>{0,2}<WANT>\b", unless=_DEAD_FIGURES)
# "liever dood", "was ik maar dood", "ik wou dat ik dood was".
_rule(SUICIDE, r"\b(?:liever|beter|maar) <DEAD>\b", unless=_DEAD_FIGURES)
_rule(
    SUICIDE, r"\bdat ik <ADV>{0,2}(?:<DEAD> (?:was|ben|zou zijn|ging)|er niet meer (?:was|ben))\b"
)
# The same, told by a parent: "ze zegt dat ze wou dat ze dood was"; not "ik wou dat hij dood
# was" about someone else.
_rule(
    SUICIDE,
    r"\b(?:wou|wilde|wenst|wenste|zou willen) dat (?:ze|zij|hij|het) <ADV>{0,2}(?:<DEAD> (?:was"
    r"|is|zou zijn)|er <ADV>{0,1}niet (?:meer )?(?:was|is|zou zijn)|nooit geboren (?:was|is))\b",
    unless=r"\b(?:ik|we|wij) (?:wou|wilde|wenst|wenste|zou willen) dat",
)
# "niet meer leven", "niet meer te leven", "niet meer bestaan".
_rule(
    SUICIDE,
    r"\b(?:niet|nooit) <ADV>{0,1}meer <ADV>{0,1}(?:<WANT> |hoef |hoeft )?(?:te )?"
    r"(?:leven?|bestaan)\b",
)
_rule(SUICIDE, r"\ber <ADV>{0,2}niet <ADV>{0,1}meer <ADV>{0,1}(?:<WANT>|hoef|hoeft) (?:te )?zijn\b")
# "ik wil er niet meer zijn", "als ik er niet meer ben".
_rule(SUICIDE, r"\b<WANT> <ADV>{0,3}(?:er|hier) <ADV>{0,3}niet <ADV>{0,2}meer <ADV>{0,2}zijn\b")
_rule(SUICIDE, r"\bals ik er <ADV>{0,2}niet (?:meer )?(?:ben|was|zou zijn|meer ben)\b")
# "ik wil niet meer" at the end of a clause; "wil niet meer naar school" is not it.
_rule(
    SUICIDE,
    r"\b<WANT> <ADV>{0,2}niet <ADV>{0,1}meer(?: (?:hoor|echt|gewoon|man|joh|lol|ofzo|zo|nu))*"
    r"(?:<CLAUSE_END>|(?= (?:ik|alles|help|het is|echt niet)\b))",
)
# "ik kan niet meer", "ik trek het niet meer" at the end of a clause: exhaustion that may be
# far more; recall first.
_rule(SUICIDE, r"\b(?:ik|ik echt) (?:kan|trek het) <ADV>{0,2}niet <ADV>{0,1}meer<CLAUSE_END>")
# "dat alles stopt. voor altijd", "voorgoed slapen".
_rule(
    SUICIDE,
    r"\b(?:stopt|stoppen|ophoudt|ophouden|weg|slapen|verdwijnen)(?: \.)? "
    r"(?:voor altijd|voorgoed)\b",
    unless=r"(?:voor altijd|voorgoed) met\b",
)
# Thinking of dying: "denk aan doodgaan", "denkt over zelf sterven".
_rule(
    SUICIDE,
    r"\bdenk\w* <ADV>{0,2}(?:aan|over) <ADV>{0,2}(?:doodgaan|dood gaan|sterven|dood zijn"
    r"|de dood|mijn dood|er niet meer zijn|een einde)\b",
    unless=r"de dood van|dood van (?:mijn|haar|zijn|onze|de|het)",
)
# Talking about dying, the way a parent tells it: "mijn dochter praat over doodgaan", "heeft
# het steeds over doodgaan", "my son keeps talking about dying". Not someone else's death ("de
# dood van opa"), not a fear ("bang"), and not a family or a class that talks about death
# together ("we praten over de dood").
_TALKS_NL = (
    r"\b(?:praat|praten|praatte|praatten|sprak|spreekt|spreken|begint|begon|beginnen|kletst"
    r"|(?:heeft|had|hebben|hadden) het|schrijft|schreef|tekent|tekende)(?: [a-z0-9]+){0,3} over "
    r"<ADV>{0,2}"
)
# The parent or a family as the one who talks: "hoe praat ik met mijn kind over de dood",
# "moet ik met mijn zoon praten over de dood", "we hebben het thuis vaak over de dood".
_TALKS_NL_NOT = (
    r"\b(?:we|wij|jullie|hoe)\b <W>{0,2}(?:praat|praten|praatte|praatten|hebben het"
    r"|hadden het|spreek|spreken)\b|\b(?:praat|praten|spreek|spreken) (?:ik|we|wij|je|jullie)\b"
    r"|\bmet <W>{1,3}(?:praten|te praten|spreken)\b|\bbang\b|\bangst\w*|\b(?:les|lessen|boek\w*"
    r"|film\w*|serie|spreekbeurt|werkstuk|opdracht|presentatie|godsdienst\w*|levensbeschouwing"
    r"|biologie)\b"
)
# Grief: death as a subject since someone in the family died: "praat veel over de dood sinds
# opa overleed", "talks about death since grandpa died". Only for death as a subject; dying
# oneself ("praat over doodgaan", "talks about dying") fires whatever else is said.
_GRIEF = (
    r"\b(?:sinds|sindsdien|nadat|na|toen|omdat|since|after|when|because) <W>{0,4}(?:overleed"
    r"|overleden|overlijden|gestorven|stierf|stierven|doodgegaan|dood gegaan|doodging|dood ging"
    r"|dood is|dood was|is dood|begrafenis|uitvaart|heengegaan|died|passed|death|funeral"
    r"|was killed)\b|\b(?:overlijden|begrafenis|uitvaart|death|passing|funeral) (?:van|of)\b"
    # words that only tell of someone's death: "opa is vorige week overleden"
    r"|\b(?:overleed|overleden|overlijden|gestorven|stierf|stierven|begrafenis|uitvaart"
    r"|died|passed away|funeral)\b"
    # the one who died named: "opa is dood", "grandma passed"
    r"|\b(?:<PERSON>|<EN_FAMILY>|grandpa|grandma|granddad|grandad|grandfather|grandmother|granny"
    r"|nana|uncle|aunt|cousin|friend|hond|kat|huisdier|dog|cat|pet)s? <W>{0,2}(?:overleed"
    r"|overleden|gestorven|stierf|doodgegaan|dood gegaan|dood is|is dood|died|passed)\b"
)
_rule(
    SUICIDE,
    rf"{_TALKS_NL}(?:(?:doodgaan|dood gaan|dood te gaan)\b(?! van)|dood willen|dood zijn"
    r"|sterven\b(?! van)|(?:zijn|haar|mijn) eigen dood|mijn dood"
    r"|er niet meer (?:willen )?zijn|niet meer (?:willen )?leven|<SELF> (?:dood|iets aan))",
    unless=_TALKS_NL_NOT,
)
_rule(SUICIDE, rf"{_TALKS_NL}(?:de )?dood\b(?! van)", unless=rf"{_TALKS_NL_NOT}|{_GRIEF}")
# Grief that wants to follow: "ze wil naar opa in de hemel", "hij wil bij opa zijn" when a death
# is told in the same message, "wants to be with grandpa in heaven".
_rule(
    SUICIDE,
    r"\b(?:<WANT>|wants? to|wanted to) <ADV>{0,2}(?:naar|bij|be with|go to) <W>{0,3}"
    r"(?:in )?(?:de hemel|hemel|heaven)\b",
)
_rule(
    SUICIDE,
    r"\b(?:<WANT>|wants? to|wanted to) <ADV>{0,2}(?:bij|be with) (?:opa|oma|hem|haar|him|her"
    r"|grandpa|grandma|<POSS> <PERSON>|my <EN_FAMILY>)(?: zijn)?<CLAUSE_END>",
    also=_GRIEF,
)
_TALKS_EN = (
    r"\b(?:talk|talks|talking|talked|speaks|speaking|spoke|writes|writing|wrote|keeps going on"
    r"|goes on) <ADV_EN>{0,2}about <ADV_EN>{0,1}"
)
_TALKS_EN_NOT = (
    r"\b(?:we|we all) (?:talk|talked)|talk(?:ed|ing)? (?:to|with) (?:him|her|them|my)"
    r"|(?:dying|death) (?:of|from)\b|\b(?:scared|afraid|fear\w*|worried|anxious)\b"
    r"|\bclass\b|\bmovie\b|\bbook\b"
)
_rule(
    SUICIDE,
    rf"{_TALKS_EN}(?:dying|wanting to die|being dead"
    r"|not being (?:here|alive|around)|not wanting to live|killing (?:<EN_SELF>)|ending it"
    r"|ending (?:his|her|their|my) life)\b",
    unless=_TALKS_EN_NOT,
)
_rule(SUICIDE, rf"{_TALKS_EN}death\b", unless=rf"{_TALKS_EN_NOT}|{_GRIEF}")
# A rope, a plan: "touw klaarliggen", "praat over ophangen", "pillen gespaard".
_rule(
    SUICIDE,
    r"\btouw\w* <W>{0,6}(?:ophangen|ophang|opknopen|verhangen|nek|hals|klaar\w*)"
    r"|\b(?:praat|praten|denkt|denken|zoekt|zocht|googlet|googelt|opgezocht) <W>{0,3}"
    r"(?:over|naar|aan|op) <W>{0,2}(?:ophangen|verhangen|opknopen)\b"
    r"|\b(?:pillen|tabletten|medicijnen) <W>{0,1}(?:gespaard|opgespaard|verzameld|gehamsterd"
    r"|klaarliggen|klaar liggen)\b|\bgenoeg (?:pillen|tabletten|medicijnen) <W>{0,2}(?:om|voor)\b",
)
# "nooit meer wakker worden", "niet meer wakker te worden".
_rule(SUICIDE, r"\b(?:niet|nooit) <ADV>{0,1}meer wakker (?:te )?(?:worden|word|wordt)\b")
# No point in living: "geen zin meer om te leven", "het leven heeft geen zin", "levensmoe".
_rule(
    SUICIDE,
    r"\bgeen (?:zin|reden|puf) <ADV>{0,1}(?:meer )?(?:in|om te|om|voor) (?:het |mijn |dit )?"
    r"(?:leven|verder te leven|bestaan)\b",
)
_rule(
    SUICIDE,
    r"\bleven <ADV>{0,2}(?:geen zin|geen nut|zinloos|nutteloos|niks waard|niets waard)"
    r" <ADV>{0,1}(?:heeft|is|had|was)\b"
    r"|\bleven (?:heeft|is) <ADV>{0,2}(?:geen zin|zinloos|niks waard|niets waard"
    r"|geen nut|nutteloos)",
)
_rule(SUICIDE, r"\blevensmoe\w*")
# Fear of dying is anxiety, not a wish: "mijn kind is bang om dood te gaan", "heeft angst om
# te sterven". Not when the fear is denied: "ik ben niet bang om dood te gaan" still fires.
_FEAR_OF_DYING = (
    r"(?<!niet )(?<!geen )(?<!nooit )(?<!niet meer )(?<!niet echt )(?<!niet zo )(?<!helemaal )"
    r"\b(?:bang|angst|angstig|doodsbang|doodsangst|schrik|paniek|panisch|bezorgd|zorgen)"
    r" <ADV>{0,1}om <ADV>{0,1}(?:dood te gaan|te sterven|dood te zijn)"
)
# A plan or a method: "plan om dood te gaan", "hoeveel heb je nodig om dood te gaan".
_rule(
    SUICIDE,
    r"\bplan\w* <W>{0,4}(?:dood te gaan|zelfmoord|te sterven|mezelf|er een einde|een einde"
    r"|mijn leven)|\bom <ADV>{0,1}(?:dood te gaan|te sterven|dood te zijn)\b",
    unless=rf"\b(?:is|was|zijn|waren) <ADV>{{0,1}}om <ADV>{{0,1}}dood|{_FEAR_OF_DYING}|"
    + _DEAD_FIGURES,
)
# Wrists: "mijn polsen doorsnijden", "aders opensnijden".
_rule(
    (SUICIDE, SELF_HARM),
    r"\b(?:pols|polsen|aders|ader|slagader) <W>{0,2}(?:door ?snijden|door ?te snijden|doorgesneden"
    r"|doorsnijdt|doorsnijd|open ?snijden|open ?gesneden|<CUT>)\b",
)
_rule(
    SUICIDE,
    r"\bwaarom (?:zou|moet|zal) ik <ADV>{0,2}(?:nog )?(?:leven|verder leven|bestaan)\b"
    r"|\bwaarom leef ik <ADV>{0,2}nog\b",
)
# "ik zie het niet meer zitten", "zie het leven niet meer zitten", "k zie t nie mr zitte", but
# not "met die wiskunde".
_rule(
    SUICIDE,
    r"\bzie het (?:leven |allemaal |echt )?<ADV>{0,2}niet <ADV>{0,1}meer zitte?n?\b",
    unless=r"zitten (?:met|voor) <W>{0,2}(?:toets|toetsen|examen|examens|huiswerk|school"
    r"|wiskunde|studie|opleiding|stage|baan|werk|vakantie|verbouwing|verhuizing|project"
    r"|rijles|tentamen)",
)
# No way out, no hope, no future: "ik zie geen uitweg meer", "er is geen uitweg", "de dood is
# de enige uitweg", "ik heb geen hoop meer", "ik zie geen toekomst voor mezelf". A way out of
# a maze or a sum is not it.
_rule(
    SUICIDE,
    r"\bgeen <ADV>{0,2}(?:andere )?uitweg\b"
    r"|\b(?:enige|laatste) (?:uitweg|oplossing|optie) <W>{0,3}(?:dood|sterven|zelfmoord|einde|eind"
    r"|mezelf|er niet meer|niet meer)"
    r"|\b(?:dood|doodgaan|sterven|zelfmoord|een einde|er een eind) <W>{0,3}(?:de )?"
    r"(?:enige|laatste) (?:uitweg|oplossing|optie)\b",
    unless=r"uitweg <W>{0,1}(?:in|uit|voor|bij) (?:<W>){0,2}(?:som|sommen|rekensom|opdracht|doolhof"
    r"|puzzel|spel|level|game|escape\w*|schaak\w*)",
)
_rule(
    SUICIDE,
    # "geen hoop meer", but not "op een plek bij de gemeente" (a better life still counts)
    r"\bgeen <ADV>{0,2}hoop <ADV>{0,1}meer\b"
    r"(?! op (?:een|de|het|dat|die|deze|zijn|haar) (?!beter|betere|toekomst|leven))"
    r"|\bvoel <ADV>{0,1}(?:me|mij|zich) <ADV>{0,2}hopeloos\b"
    r"|\b(?:alles|niks|niets) (?:is|voelt) <ADV>{0,2}(?:hopeloos|zinloos)\b"
    r"|\b(?:niks|niets) (?:heeft|had) <ADV>{0,2}(?:zin|nut)(?: meer)?<CLAUSE_END>"
    r"|\b(?:alles|het allemaal|het leven|mijn leven) (?:heeft|had) <ADV>{0,2}geen (?:zin|nut)"
    r" meer<CLAUSE_END>",
)
_rule(
    SUICIDE,
    r"\bzie <ADV>{0,2}geen toekomst (?:meer|voor mezelf|voor mij|voor me)\b"
    r"|\bzie <ADV>{0,2}geen toekomst<CLAUSE_END>",
    unless=r"toekomst <W>{0,1}(?:in|met|voor) (?:deze|die|dit|dat|de|het|onze|zijn|haar) ",
)
# Not afraid of dying any more: a warning sign, not a comfort.
_rule(
    SUICIDE,
    r"\b(?:niet|nooit) <ADV>{0,1}(?:meer )?bang (?:om <ADV>{0,1}(?:dood te gaan|te sterven)"
    r"|voor de dood|voor doodgaan|om dood te zijn)\b",
)
# An end to it: "een einde aan mijn leven", "er een eind aan maken", "uit het leven stappen".
_rule(
    SUICIDE,
    r"\b(?:eind|einde) <W>{0,1}aan (?:(?:mijn |zijn |haar |het |je |hun )?(?:leven|bestaan)\b"
    r"|(?:alles|het allemaal)(?! (?:wat|dat|van|met|rond)\b))",
)
# "mijn leven beeindigen", "een punt zetten achter mijn leven", "stoppen met leven".
_rule(
    SUICIDE,
    r"\b(?:<POSS> |het )(?:leven|bestaan) <ADV>{0,2}(?:te )?be?e?indig\w*"
    r"|\bbe?e?indig\w* <ADV>{0,2}(?:mijn|zijn|haar|het|hun|je) (?:leven|bestaan)\b"
    r"|\bpunt <W>{0,2}achter (?:mijn |zijn |haar |het |je )?(?:leven|bestaan)\b"
    r"|\b(?:stoppen|stop|stopt|ophouden) (?:met|te) (?:leven|het leven|bestaan|ademen)\b",
)
# "ik maak er een eind aan", "ik wil er een punt achter zetten": the same, without the object;
# not about a quarrel, a relationship or school.
_rule(
    SUICIDE,
    r"\b(?:(?:ik|hij|ze|zij) <ADV>{0,2}(?:maak|maakt)|(?:maak|maakt) (?:ik|hij|ze|zij)) <ADV>{0,2}"
    r"er <ADV>{0,2}(?:een )?(?:eind|einde) aan<CLAUSE_END>"
    r"|\b(?:ik|hij|ze|zij) (?:<WANT>|ga|gaat|zal) <ADV>{0,2}er <ADV>{0,2}een punt achter "
    r"<ADV>{0,1}zetten<CLAUSE_END>",
    unless=r"\b(?:ruzie\w*|relatie\w*|vriendschap\w*|gedoe|pesten|gepest|discussie\w*|gezeur"
    r"|school|studie|opleiding|baan|werk|club|team|sport|voetbal|hockey|les|lessen|met (?:hem"
    r"|haar|die|dat|deze|mijn|zijn))\b",
)
_rule(
    SUICIDE, r"\ber <ADV>{0,2}(?:een )?(?:eind|einde) aan <W>{0,2}(?:maken|maak|maakt|te maken)\b"
)
_rule(SUICIDE, r"\buit het leven <W>{0,1}(?:stappen|te stappen|stapt|stap|gestapt)\b")
# Killing oneself: "mezelf van kant maken", "me ophangen", "zichzelf doden".
_rule(
    SUICIDE,
    r"\b(?:<SELF>|me|mij|zich) <ADV>{0,3}(?:dood ?maken|dood te maken|doden|te doden"
    r"|vermoorden|te vermoorden|ombrengen|om te brengen|van kant <W>{0,1}maken"
    r"|van kant te maken|ophangen|op te hangen|verhangen|te verhangen|opknopen|op te knopen"
    r"|verdrinken|te verdrinken|om het leven <W>{0,1}brengen|doodschieten|doodsteken|doodt"
    r"|ophangt|ophang|ophing|verhangt|verhang|verhing|vermoordt|vermoord)\b",
    unless=r"verdrinken in (?:het |mijn |de )?(?:werk|huiswerk|boeken|zorgen)|" + _KILL_FIGURE_NL,
)
# The Dutch euphemism: "mezelf iets aandoen", "zichzelf iets aan gaat doen".
_rule(
    (SUICIDE, SELF_HARM),
    r"\b(?:<SELF>|me|zich) <ADV>{0,2}(?:iets|wat|iets ergs|wat ergs) <ADV>{0,2}"
    r"(?:aandoen|aandoe|aandoet|aandeed|aandeden|aan te doen|aangedaan"
    r"|aan <W>{0,2}(?:doen|doe|doet|deed))\b"
    # the verb first: "ik doe mezelf iets aan", "soms doe ik mezelf wat aan", "ze doet zichzelf
    # iets aan"; "ik doe iets leuks aan" (clothes) has no reflexive and no bare "iets"
    r"|\b(?:doe|doet|doen|deed|deden) (?:ik |hij |ze |zij |je |jij )?<ADV>{0,2}(?:<SELF>|me|zich)"
    r" <ADV>{0,2}(?:iets|wat|iets ergs|wat ergs) <ADV>{0,2}aan\b",
)
# Jumping: in front of a train, off a roof or bridge.
_rule(
    SUICIDE,
    r"\b(?:voor|onder) (?:de|een|het) (?:trein|metro|tram|bus|auto|vrachtwagen)\b <W>{0,2}"
    r"(?:springen|spring|springt|te springen|lopen|gooien|liggen|gaan liggen)\b",
)
_rule(
    SUICIDE,
    r"\b(?:spring|springen|springt|sprong|gesprongen) <W>{0,1}(?:voor|onder) (?:de|een) "
    r"(?:trein|metro|tram|bus|auto|vrachtwagen)\b",
)
_rule(
    SUICIDE,
    r"\b(?:van|vanaf|uit|af) (?:de|het|een|dat|die|mijn|onze) <W>{0,1}(?:dak|brug|flat|raam"
    r"|balkon|gebouw|viaduct|toren|klif|rots|parkeergarage) <W>{0,2}(?:springen|spring|springt"
    r"|te springen|gesprongen)\b",
)
_rule(
    SUICIDE,
    r"\b(?:springen|spring|springt) <W>{0,1}(?:van|vanaf|uit) (?:de|het|een) <W>{0,1}"
    r"(?:dak|brug|flat|raam|balkon|gebouw|viaduct|toren|klif)\b",
)
# A goodbye letter.
_rule(SUICIDE, r"\bafscheids ?brie[fv]\w*")
# Feeling a burden: "beter af zonder mij", "niemand zou me missen".
_rule(
    SUICIDE,
    r"\bbeter af <W>{0,2}(?:zonder mij|zonder me|als ik <W>{0,3}(?:dood|er niet|weg|niet meer))"
    # told by a parent: "hij zegt dat iedereen beter af is zonder hem" (not "we" about an ex)
    r"|\b(?:iedereen|de wereld|jullie) (?:(?:is|zijn|zou|zouden|was|waren) <W>{0,2})?beter af"
    r" <W>{0,1}zonder (?:hem|haar)\b",
)
_rule(
    SUICIDE,
    r"\bniemand (?:zou |zal |gaat )?(?:me|mij) <ADV>{0,2}(?:missen|mist)\b"
    r"|\bniemand (?:mist|zou missen|zal missen) (?:me|mij)\b",
)
# Wanting to disappear, to leave this world, being done with living.
_rule(SUICIDE, r"\b<WANT> <ADV>{0,3}verdwijnen\b")
_rule(
    SUICIDE,
    r"\b(?:weg|vertrekken) (?:van|uit) (?:deze|de) wereld\b|\bniet meer op (?:deze|de) wereld",
)
_rule(
    SUICIDE,
    r"\b(?:zat|moe|klaar) (?:om te|met) (?:het |mijn )?leven\b|\bhet leven <ADV>{0,2}zat\b"
    r"|\bvan het leven (?:te )?beroven\b|\bzin (?:om|in) <ADV>{0,2}(?:dood te gaan|te sterven"
    r"|doodgaan|dood)\b",
)
# "ik wil niet meer verder", "ik kan niet meer verder".
_rule(
    SUICIDE,
    r"\b(?:<WANT>|kan|kun|kunnen) <ADV>{0,2}niet <ADV>{0,1}meer verder\b",
    unless=r"verder (?:met|op|naar|in) (?:<W>)?(?:school|studie|opleiding|stage|club|team|les"
    r"|voetbal|hockey|werk|baan|project|boek)",
)

# English.
_rule(SUICIDE, r"\bkill(?:ing|ed|s)? <EN_SELF>\b", unless=r"laugh\w*")
_rule(
    SUICIDE,
    r"\b(?:want|wants|wanted|wanting|wish|wished) (?:to )?<ADV_EN>{0,2}(?:die|be dead|not exist)\b",
    unless=r"die (?:of|from) (?:embarrassment|laughter|laughing|boredom|cringe|shame)"
    r"|to die for",
)
_rule(
    SUICIDE,
    r"\bend(?:ing|ed|s)? (?:it all|my life|his life|her life|their life|their lives|my own life"
    r"|everything)\b|\b(?:want|wants|going|about) to end it\b(?! with)",
)
_rule(
    SUICIDE,
    r"\b(?:do not|does not|did not|never) <ADV_EN>{0,1}want to <ADV_EN>{0,1}"
    r"(?:live|be alive|be here|exist|wake up)\b",
)
_rule(SUICIDE, r"\b(?:take|took|taking|takes|taken) (?:my|his|her|their) (?:own )?life\b")
# No way out, no hope, no point: "i see no way out", "can not see a way out", "no hope left",
# "whats the point of living", "i can not go on".
_rule(
    SUICIDE,
    r"\bno <ADV_EN>{0,1}(?:other )?way out\b|\b(?:can not|do not|never) <ADV_EN>{0,1}(?:see|find)"
    r" (?:a|any) way out\b|\bno (?:more )?hope (?:left|anymore)\b|\b(?:lost all|have no|there is"
    r" no) hope <ADV_EN>{0,1}(?:left|anymore|for me)?<CLAUSE_END>|\b(?:feel|feels|feeling|felt)"
    r" <ADV_EN>{0,1}hopeless\b|\beverything (?:is|feels) <ADV_EN>{0,1}hopeless\b"
    r"|\b(?:no|the|any) point (?:in|of) (?:living|life|being alive|going on|existing|anything)\b"
    r"|\bcan not <ADV_EN>{0,1}(?:go on|keep going|do this|take (?:it|this)) <ADV_EN>{0,1}"
    r"(?:anymore|any longer|like this)\b|\bcan not <ADV_EN>{0,1}go on<CLAUSE_END>",
    unless=r"way out (?:of|from) (?:the|this|a) (?:maze|room|building|level|game|escape)",
)
_rule(
    SUICIDE,
    r"\bbetter off (?:dead|without me)\b|\bwish(?:es|ed)? (?:i|she|he) (?:was|were|am) "
    r"(?:dead|never born)\b|\bno reason to (?:live|keep going)\b|\bnot worth living\b"
    r"|\b(?:no one|nobody|noone) (?:would|will) miss me\b|\bhang <EN_SELF>",
)

# --------------------------------------------------------------------------------------------
# Self-harm: cutting, scratching, burning, hitting oneself.
# --------------------------------------------------------------------------------------------

# An accident: cut on paper or a tin, while cooking or shaving, after a fall. Said on purpose,
# it is not an accident whatever else is in the sentence.
_ON_PURPOSE = r"\b(?:expres|express|met opzet|opzettelijk|bewust|on purpose|deliberately)\b"
_ACCIDENT_WORDS = (
    r"per ongeluk|perongeluk|by accident|accidentally|aan (?:(?:een|het|de|mijn|dat|die|zon) )?"
    r"(?:<W>)?(?:blik\w*|glas|glaasje|papier\w*|mes|mesje|scherf|scherven|schaar|stuk|blad"
    r"|bladzijde|doos|spijker|prikkeldraad)\b"
    r"|\b(?:bij|tijdens) het (?:<W>)?(?:koken|snijden|knutselen|scheren|afwassen|schillen|klussen"
    r"|tuinieren)|\btoen ik <W>{0,3}(?:sneed|kookte|schilde|aan het koken|aan het snijden)"
    r"|\bin (?:mijn|zijn|haar|je|de) (?:vinger|vingers|duim)\b"
    r"|\bon (?:a |the )?(?:piece of )?(?:paper|glass|can|tin|knife|blade|fence)\b|paper ?cut"
    r"|while (?:cooking|cutting|shaving)|scheren|shaving|cooking|stove|oven|gevallen|\bval\b"
    r"|\bfell\b"
)


def _accident(also: str = "") -> str:
    """An exclusion for accidents (and `also`), void when the sentence says it was on purpose."""
    return rf"^(?!.*{_ON_PURPOSE}).*?(?:{_ACCIDENT_WORDS}{'|' + also if also else ''})"


# The words themselves: zelfbeschadiging, automutilatie, self-harm.
_rule(
    SELF_HARM,
    r"\b(?:zelfbeschadig|zelfverwond|automutil|zelfmutil|self ?harm|selfharm|self ?injur"
    r"|selfinjur)\w*",
)
# Verb then self: "ik snij mezelf", "krast zichzelf", "beschadigt zichzelf", "sla mezelf".
_rule(
    SELF_HARM,
    r"\b(?:<CUT>|<SCRATCH>|<BURN>|<HIT>|beschadig\w*|verwond\w*|pijnig\w*|bijt|beet) "
    r"<ADV>{0,2}<SELF>\b",
    unless=_accident(r"erdoor|er doorheen|doorheen|voor (?:zijn|haar|mijn|de) (?:kop|hoofd)"),
)
# Self then verb: "heb mezelf weer gesneden", "zichzelf pijn doen".
_rule(
    SELF_HARM,
    r"\b<SELF> <W>{0,3}(?:<CUT>|<SCRATCH>|<BURN>|beschadig\w*|verwond\w*|geslagen"
    r"|te slaan|slaan|pijn)\b",
    unless=_accident(r"erdoor|er doorheen|doorheen"),
)
# Short reflexive: "ik snij me", "snijdt zich", "heb me weer gesneden".
_rule(
    SELF_HARM,
    r"\b(?:<CUT>|<SCRATCH>) <ADV>{0,2}(?:me|zich)\b|\b(?:me|zich) <ADV>{0,3}(?:<CUT>|<SCRATCH>)\b",
    unless=_accident(r"in (?:de|zijn|haar|je|mijn|eigen) (?:eigen )?vingers"),
)
# Without an object, the way youngsters say it: "ik snij weer", "heb weer gesneden".
_rule(
    SELF_HARM,
    r"\b(?:ik|ze|hij|zij|je|en) <ADV>{0,2}(?:<CUT>|<SCRATCH>)(?: <ADV>{0,2})?<CLAUSE_END>"
    r"|\b(?:heb|heeft|hebben) <ADV>{0,3}(?:gesneden|gekrast)<CLAUSE_END>"
    r"|\b(?:ben|is|zijn) <ADV>{0,2}gaan (?:snijden|krassen)<CLAUSE_END>",
    unless=_accident(),
)
# Into the body: "snijden in me arm", "in mijn armen krassen".
_rule(
    SELF_HARM,
    r"\b(?:<CUT>|<SCRATCH>|<BURN>) <ADV>{0,2}(?:<W>)?in (?:<POSS> )?<BODY>\b"
    r"|\bin (?:<POSS> )?<BODY> <ADV>{0,2}(?:<CUT>|<SCRATCH>|<BURN>|te snijden|te krassen)\b"
    r"|\b<BODY> <ADV>{0,2}(?:open ?gesneden|open ?snijden|open ?te snijden|open ?gekrast"
    r"|open ?krassen|kapot ?gesneden|kapot ?gekrast|kapot ?krassen)\b",
    unless=_accident(),
)
# Marks a parent sees: "krassen op haar armen", "sneetjes in zijn pols".
_rule(
    SELF_HARM,
    r"\b(?:sneetjes|snijwonden|snijwondjes|krassen|wondjes|littekens|brandwonden|brandplekken"
    r"|sneeen)"
    r" <W>{0,2}(?:op|in|aan) <POSS> <BODY>\b",
)
# Head banging: "slaat zijn hoofd tegen de muur".
_rule(
    SELF_HARM,
    r"\b(?:bonk\w*|<HIT>) <W>{0,2}(?:hoofd|kop) <W>{0,1}tegen (?:de|een) (?:muur|deur|kast)",
)
# English without an object: "i have been cutting", "she started cutting again".
_rule(
    SELF_HARM,
    r"\b(?:been|started|start|starts|keep|keeps|still|am|is|was|stop|stopped|began) "
    r"<ADV_EN>{0,1}cutting\b(?! (?:class|classes|school|back|hair|paper|onions|the|out|down))",
)
# English: "cut myself", "she is cutting herself", "hurt myself on purpose".
_rule(
    SELF_HARM,
    r"\b(?:cut|cuts|cutting|burn|burns|burning|burned|burnt|hurt|hurts|hurting|harm|harms"
    r"|harming|scratch|scratches|scratching|hit|hits|hitting|punch|punches|punching) "
    r"<ADV_EN>{0,1}<EN_SELF>\b",
    unless=_accident(),
)

# --------------------------------------------------------------------------------------------
# Violence at home: hitting, kicking, strangling, beating; by a parent, partner or anyone.
# --------------------------------------------------------------------------------------------

_NOT_HITTING = (
    r"\b<HIT> <W>{0,3}(?:dicht|nergens|op tilt|alarm|over|erdoor"
    r"|toe|munt|aan het)\b|\b(?:fifa|schaken|potje|spel|game|tennis|pingpong|bal)\b"
)
# The words themselves: huiselijk geweld, kindermishandeling, mishandeld.
_rule(
    VIOLENCE,
    r"\b(?:huiselijk geweld|kindermishandeling|partnergeweld|domestic (?:violence|abuse)"
    r"|child abuse)\b|\bmishandel\w*|\bgewelddadig\w*",
)
_rule(
    VIOLENCE,
    r"\bgeweld\b",
    unless=r"\b(?:games?|gamen|film|films|spel|spelletjes|serie|series|tv|nieuws|youtube"
    r"|tiktok|seksueel|seksuele)\b",
)
# Not safe at home: "ik voel me niet veilig thuis", "ik voel me thuis niet veilig", "het is
# thuis niet veilig", "onveilige thuissituatie", "voelt zich niet veilig bij zijn vader".
_NOT_SAFE = r"(?:(?:niet|nergens|nooit) <ADV>{0,2}(?:meer )?veilig|onveilig\w*)"
_HOME = (
    r"(?:thuis|thuissituatie|in huis|in (?:mijn|ons|zijn|haar|het|hun|je) (?:eigen )?(?:huis"
    r"|gezin|kamer)|bij (?:ons|mij|hem|haar|hun|mijn ouders) (?:thuis|in huis))"
)
_ABUSER = (
    r"(?:(?:mijn|me|zijn|haar|hun|onze|ons|je|jouw) (?:stief|schoon)?(?:vader|moeder|pa|ma|papa"
    r"|mama|ouders|broer|oom|opa|ex|man|vriend|partner)|hem|papa|mama|pap|mam"
    r"|(?:de )?(?:nieuwe )?(?:vriend|man|partner) van (?:mijn|me) (?:moeder|ma|mama|vader|pa|papa))"
)
_rule(
    VIOLENCE,
    rf"\b{_HOME} <W>{{0,4}}{_NOT_SAFE}\b|\b{_NOT_SAFE} (?:<W>){{0,3}}{_HOME}\b"
    rf"|\bvoel\w* <W>{{0,3}}{_NOT_SAFE} (?:bij|met|rond|in de buurt van) {_ABUSER}\b"
    rf"|\bbij {_ABUSER} <W>{{0,3}}{_NOT_SAFE}\b",
    unless=r"\b(?:alleen|zonder toezicht) thuis (?:te |laten|blijven)|\bthuis <W>{0,2}(?:testen"
    r"|test|internet|wifi|netwerk|website)\b|\bis het (?:niet )?veilig om\b",
)
# Not safe, without saying where: an unknown danger, so the card at once. "Op school" or "in het
# verkeer" does not end the clause, so it does not fire.
_rule(
    ACUTE,
    rf"\bvoel\w* <ADV>{{0,1}}(?:me|mij|zich|ons|je) <ADV>{{0,2}}{_NOT_SAFE}"
    r"(?: (?:meer|hier|meer hier|hier meer))?<CLAUSE_END>",
)
# Afraid to go home, afraid of a parent or partner.
_rule(
    VIOLENCE,
    r"\bdurf\w* <ADV>{0,2}niet <ADV>{0,1}(?:meer )?(?:naar huis|thuis te komen|terug naar huis"
    r"|naar huis te gaan|terug te gaan naar huis|meer thuis)\b"
    r"|\bbang <ADV>{0,2}om <ADV>{0,1}(?:naar huis te gaan|thuis te komen|terug naar huis te gaan"
    rf"|naar huis te komen)\b|\bbang <ADV>{{0,2}}voor {_ABUSER}\b",
    unless=r"\bvoor <W>{1,3}(?:reactie|oordeel|mening|hond|kat|paard)\b",
)
# English: "i do not feel safe at home", "home is not safe", "scared to go home".
_rule(
    VIOLENCE,
    r"\b(?:(?:do not|does not|did not|never|can not) <ADV_EN>{0,1}feel <ADV_EN>{0,1}safe"
    r"|(?:feel|feels|felt) <ADV_EN>{0,1}(?:unsafe|not safe)|(?:am|is|are|was|were) <ADV_EN>{0,1}"
    r"(?:not|never) <ADV_EN>{0,1}safe|unsafe) <W>{0,1}(?:at home|home|in (?:my|our) (?:own )?"
    r"(?:home|house|room)|around (?:him|her|my <EN_FAMILY>)|with (?:him|my <EN_FAMILY>))\b"
    r"|\bhome (?:is|feels) <ADV_EN>{0,1}(?:(?:not|never) <ADV_EN>{0,1}safe|unsafe)\b"
    r"|\b(?:scared|afraid|terrified) (?:to go|of going) (?:back )?home\b"
    r"|\b(?:scared|afraid|terrified) of (?:my|our|her|his) (?:step)?(?:dad|father|mom|mum|mother"
    r"|parents|brother|uncle|husband|boyfriend|partner|ex)\b",
)
_rule(
    ACUTE,
    r"\b(?:do not|does not|never|can not) <ADV_EN>{0,1}feel <ADV_EN>{0,1}safe"
    r"(?: anymore| here| anywhere)?<CLAUSE_END>|\bfeel <ADV_EN>{0,1}unsafe<CLAUSE_END>",
)
# Someone hits someone: "me pa slaat me", "hij slaat ons", "mijn vader slaat mijn moeder".
_rule(VIOLENCE, r"\b<HIT> <ADV>{0,3}<OBJ>\b", unless=_NOT_HITTING)
# Passive and perfect: "ik word thuis geslagen", "heeft me in elkaar geslagen".
_rule(
    VIOLENCE,
    r"\b(?:geslagen|geschopt|getrapt|gestompt|gemept|gewurgd|afgetuigd|in elkaar geslagen"
    r"|in elkaar getrapt|keel dichtgeknepen|dichtgeknepen)\b",
    unless=r"(?:van|uit) (?:school|de klas|het veld|de les|het team|de club)|erin getrapt"
    r"|in getrapt|eruit|(?:klok|uur|bel|bliksem) <W>{0,2}geslagen|slag geslagen|op de vlucht"
    r"|alarm geslagen|munt geslagen|aan (?:het|de) <W>geslagen|op hol geslagen|bal"
    r"|voetbal|deur",
)
# Blows given or received: "mijn vader geeft me klappen", "ik krijg slaag".
_rule(
    VIOLENCE,
    r"\b(?:geeft|gaf|geven|gegeven|krijg|krijgt|kreeg|kregen|gekregen) <W>{0,3}(?:klappen"
    r"|een klap|slaag|een pak slaag|een schop|een trap|een mep|een dreun|een stomp|een oplawaai)\b"
    r"|\b(?:klappen|slaag|een pak slaag) <W>{0,2}(?:krijg|krijgt|kreeg|gekregen|geeft|gaf)\b",
    unless=r"onder (?:zijn|z'n|de|haar|je|mijn) (?:kont|hol|reet)|hockey|voetbal|bal",
)
# Thrown, pushed, locked up, tied up, starved.
_rule(
    VIOLENCE,
    r"\b(?:duw\w*|gooi\w*|smijt\w*|smeet|geduwd|gegooid) <W>{0,3}(?:van de trap|tegen de muur"
    r"|tegen de grond|op de grond|door de kamer|uit het raam|tegen de kast)"
    r"|\b(?:gooit|gooide|gooien|smijt|smeet|smijten) <W>{0,3}naar <OBJ>\b",
    unless=r"\bbal\b|knuffel|kussen|sneeuwbal",
)
_rule(
    VIOLENCE,
    r"\bvastgebonden\b|\bvast (?:te )?binden\b|\b(?:sluit|sluiten|sloot|sloten) (?:me|mij|ons|haar"
    r"|hem|<POSS> <PERSON>) <W>{0,4}op\b|\b(?:krijg|krijgen|krijgt|kreeg|geven|geeft|gaf) <W>{0,2}"
    r"(?:geen|nooit) (?:eten|te eten)\b",
)
# Threats to hit: "dreigt me te slaan".
_rule(
    VIOLENCE,
    r"\bdreig\w* <W>{0,3}(?:te slaan|te schoppen|te mishandelen|in elkaar te slaan"
    r"|neer te slaan|klappen)\b",
)
# "hij doet me pijn" (not the emotional "het doet me pijn dat...").
_rule(
    VIOLENCE,
    r"\b(?:doet|deed|doen) (?:me|mij|ons) <ADV>{0,2}pijn\b",
    unless=r"\bhet doet|\bdat doet|pijn (?:om|dat|te zien|als ik)|<SELF>",
)
# English: "my dad hits me", "my stepdad beats my mom", "beat me up".
_rule(
    VIOLENCE,
    r"\b(?:hit|hits|hitting|beat|beats|beating|kick|kicks|kicked|kicking|punch|punches|punched"
    r"|punching|slap|slaps|slapped|slapping|choke|chokes|choked|choking|strangle\w*|abuse"
    r"|abuses|abused|abusing) <ADV_EN>{0,1}(?:me|us|her|him|my <EN_FAMILY>|the kids"
    r"|the children|the baby)\b",
    unless=r"\bbeat (?:me|us|her|him) (?:at|in)\b|hit me up|hit me with (?:a|the|some|that|your)"
    r"|\bgame\b|fifa|fortnite",
)
_rule(VIOLENCE, r"\bbeat(?:s|en)? (?:me|us|her|him) up\b|\babusive\b|\bbeaten up\b")
_rule(
    VIOLENCE,
    r"\b(?:being|been|was|were|get|gets|got|getting) <ADV_EN>{0,1}(?:abused|hit|beaten|kicked"
    r"|choked|strangled|slapped|punched)\b",
    unless=r"by (?:a|the) (?:ball|car|bike|bus|truck|door)|\bball\b",
)
_rule(
    VIOLENCE,
    r"\b(?:dad|father|mom|mum|mother|stepdad|stepfather|stepmom|stepmother|brother|sister|uncle"
    r"|boyfriend|husband|partner|parents?|he|she|they) <ADV_EN>{0,1}(?:hurts|hurt|is hurting"
    r"|keeps hurting) (?:me|us|my <EN_FAMILY>)\b",
)

# --------------------------------------------------------------------------------------------
# Sexual abuse: rape, assault, touching, coercion, sextortion.
# --------------------------------------------------------------------------------------------

# The words themselves: verkracht, aangerand, incest, loverboy, rape, molested.
_rule(
    SEXUAL,
    r"\b(?:verkra[cg]h?t\w*|aangeran[dt]\w*|aanrand\w*|randde|incest\w*|loverboy\w*|grooming|rape[ds]?"
    r"|raping|rapist|molest\w*|(?:ge)?sextort\w*|seksueel geweld|sexual(?:ly)? (?:abuse|abused"
    r"|assault|assaulted|harass\w*))\b",
)
# "seksueel misbruikt", "seksueel overschrijdend gedrag".
_rule(
    SEXUAL,
    r"\bseksu?e?e?l\w* <W>{0,1}(?:misbruik\w*|geweld|overschrijdend\w*|lastig ?gevallen"
    r"|geintimideerd|benaderd|uitgebuit|intimidatie)",
)
# "misbruikt" alone; not "misbruik maken van", "mijn vertrouwen misbruikt", alcohol abuse.
_rule(
    SEXUAL,
    r"\bmisbruik(?:t|te|ten|d)?\b",
    unless=r"misbruik (?:maken|maakt|gemaakt|maak|maakte) van|(?:maakt|maken|maak|gemaakt"
    r"|maakte) <W>{0,3}misbruik|vertrouwen|positie|macht\b|misbruikt <POSS> (?:<W>)?(?:pas"
    r"|bankpas|creditcard|account|gegevens|naam|wachtwoord|geld|telefoon)|alcohol|drugs"
    r"|middelen|drank|wiet",
)
# Touching: "mn stiefvader zit aan me", "heeft aan mijn dochter gezeten".
_rule(
    SEXUAL,
    r"\b(?:zit|zat|zitten|zaten|gezeten) <ADV>{0,3}aan <SOBJ>\b"
    r"|\baan <SOBJ> <ADV>{0,2}(?:gezeten|zitten|zit|zat|zaten|aangeraakt|aanraken|te zitten"
    r"|gefriemeld)\b",
    unless=r"aan (?:me|mij|haar|hem|ons) <W>{0,1}te (?:zeuren|klagen|vragen|zaniken|mekkeren"
    r"|vreten|knagen|denken|werken|trekken)|aan (?:haar|hem|zijn|mijn|me|z'n) <W>{0,1}"
    r"(?:spullen|telefoon|mobiel|laptop|computer|tablet|fiets|eten|bord|huiswerk|kamer|tas"
    r"|geld|haar|make ?up|kleren|jas|hoofd)\b",
)
_rule(
    SEXUAL,
    r"\bbetast\w*|\bbetasten\b|\bongewenst\w* (?:aangeraakt|aanraking\w*|aanraken|gezoend"
    r"|seks\w*)|\braakt <SOBJ> <ADV>{0,3}aan\b",
)
# Coercion: "dwingt me om naaktfotos te sturen", "gedwongen tot seks".
_rule(
    SEXUAL,
    r"\b(?:dwingt|dwong|dwingen|gedwongen|dwing) <W>{0,5}(?:seks\w*|naakt\w*|uit te kleden"
    r"|uitkleden|pijpen|aan te raken|aanraken|te zoenen|zoenen|aan hem te zitten)",
)
# Sextortion and grooming around nude pictures: "ik word gechanteerd met een naaktfoto", "hij
# dreigt mijn naaktfotos te verspreiden", "someone is blackmailing me with nudes".
_NUDES = (
    r"(?:naaktfoto\w*|naaktbeeld\w*|naakt <W>{0,1}(?:foto|film|video|beeld)\w*|naaktfilm\w*"
    r"|naaktvideo\w*|blootfoto\w*|blote foto\w*|seks ?(?:foto|film|video)\w*|sex ?(?:foto|film"
    r"|video|tape)\w*|sekstape\w*|nudes?|nude (?:pic|photo|picture|video)\w*|naked (?:pic|photo"
    r"|picture|video)\w*|dick ?pics?|sexting)"
)
_THREAT = (
    r"(?:(?:ge)?chant\w*|afpers\w*|afgeperst|perst|sextort\w*|extort\w*|dreig\w*|threat\w*"
    r"|verspreid\w*|doorgestuurd|rondgestuurd|rond|gelekt|leak\w*|blackmail\w*|gedeeld|delen"
    r"|deelt|deelde|posten|post|posts|posted|posting|gepost|share|shares|shared|sharing|spread\w*"
    r"|online|sturen|stuur|stuurt|stuurde|gestuurd|send|sends|sending|sent|krijg|kreeg|vraagt"
    r"|vroeg|ask|asks|asked|asking|wil|wants)"
)
_rule(SEXUAL, rf"\b{_THREAT} <W>{{0,8}}{_NUDES}|\b{_NUDES} <W>{{0,8}}{_THREAT}")
# Blackmail with any picture or film is sextortion in all but name: "ik word afgeperst met
# een filmpje van mij", "someone is blackmailing me with a video".
_IMAGE = (
    r"(?:foto|fotos|fotootje|fotootjes|filmpje|filmpjes|video|videos|beelden|pics?|pictures?"
    r"|photos?|images?|screenshots?|webcam\w*)"
)
_BLACKMAIL = r"(?:(?:ge)?chant\w*|afpers\w*|afgeperst|blackmail\w*|extort\w*)"
_rule(SEXUAL, rf"\b{_BLACKMAIL} <W>{{0,6}}{_IMAGE}\b|\b{_IMAGE} <W>{{0,6}}{_BLACKMAIL}")
_NOT_BLACKMAIL = (
    r"\b(?:snoep\w*|spelletje\w*|grapje|geintje|game|fortnite|minecraft|roblox|monopoly"
    r"|emotioneel|emotionele|emotionally)\b"
)
# What makes blackmail sextortion: a picture, a film, nudity, sex.
_SEXTORTION_WORD = (
    rf"(?:{_IMAGE}\b|{_NUDES}|naakt\w*|bloot\w*|seks\w*|sex\w*|nude\w*|naked|cam\b"
    r"|camera\w*|webcam\w*)"
)
# Blackmailed by scammers over a sale or a game, with no picture, film, nudity or sex in sight:
# "hij is afgeperst door oplichters via marktplaats", "afgeperst om een gameaccount". Money alone
# does not make it a scam: sextortion asks for money too, and often never names the picture.
_MONEY_ONLY = (
    rf"^(?!.*\b{_SEXTORTION_WORD}).*?\b(?:oplicht\w*|opgelicht|scam\w*|scammer\w*|fraude\w*"
    r"|phishing|marktplaats|tweedehands|vinted|gameaccount\w*|skins?|robux|v ?bucks|nep ?\w*)\b"
)
# Blackmailed, without saying with what: for a young person that is mostly sextortion, and
# either way worth the card. "Emotionele chantage" to get one's way is not it.
_rule(
    SEXUAL,
    r"\b(?:word|wordt|worden|werd|werden|ben|is|zijn|was|waren|being|been|am|are|were|get|gets"
    r"|got|getting) <ADV>{0,2}(?:online |op (?:snapchat|insta\w*|tiktok|discord) )?(?:gechanteerd"
    r"|afgeperst|blackmailed|extorted)\b"
    r"|\b(?:chanteert|chanteren|chanteerde|chanteerden|blackmails|blackmailing|blackmailed"
    r"|extorting) <ADV>{0,1}(?:me|mij|ons|us|haar|hem|her|him|<POSS> <PERSON>|my <EN_FAMILY>)\b"
    r"|\b(?:perst|persen|perste|persten) <ADV>{0,1}(?:me|mij|ons|haar|hem|<POSS> <PERSON>)"
    r" <W>{0,3}af\b",
    unless=rf"{_NOT_BLACKMAIL}|{_MONEY_ONLY}",
)
# Blackmail and a picture, a film or sex anywhere in the message: sextortion, even when the
# money is said first and the pictures a few sentences later.
_rule(
    SEXUAL,
    rf"\b{_BLACKMAIL}",
    unless=_NOT_BLACKMAIL,
    also=rf"\b{_SEXTORTION_WORD}",
)
# A threat to spread pictures of someone: "hij dreigt een filmpje van mij online te zetten",
# "dreigt mijn fotos te delen als ik niet betaal"; not "het filmpje van de verjaardag".
_OF_SOMEONE = (
    rf"(?:(?:mijn|me|haar|zijn|onze|my|her|his|our) (?:<W>)?{_IMAGE}"
    rf"|{_IMAGE} (?:van|of) (?:mij|me|haar|hem|ons|us|her|him|mijn <PERSON>|my <EN_FAMILY>))\b"
)
_SPREAD = (
    r"(?:verspreid\w*|te delen|delen|deelt|online|op internet|rond\w*|door te sturen|doorsturen"
    r"|door ?sturen|te sturen|sturen|posten|te posten|op (?:insta\w*|snap\w*|tiktok|school)"
    r"|aan iedereen|naar iedereen|laten zien|te laten zien|zet|zetten|share|shares|sharing|post"
    r"|posts|posting|spread\w*|leak|leaks|leaking|send|sends|sending|show|shows|showing|online)"
)
# The condition that makes it a threat: "anders zet hij mijn fotos online", "als ik niet
# betaal deelt hij mijn filmpje". Some say "dreigt", some only the condition with the one who
# threatens. Not the young person's own posting: "ze dreigt mijn telefoon af te pakken als ik
# mijn fotos online zet".
_IF_NOT = (
    r"(?:anders|als ik (?:hem |haar )?(?:niet|geen)|tenzij|or|or else"
    r"|if i (?:do not|did not|will not|refuse)|unless i)"
)
_THEY = r"(?:hij|ze|zij|iemand|he|she|they|someone)"
_rule(
    SEXUAL,
    rf"\b(?:dreig\w*|threat\w*) <W>{{0,6}}(?:{_OF_SOMEONE} <W>{{0,5}}{_SPREAD}\b|{_SPREAD} "
    rf"<W>{{0,3}}{_OF_SOMEONE})"
    rf"|\b(?:dreig\w*|threat\w*) <W>{{0,3}}(?:met|with) (?:een |de |het |a |the )?{_OF_SOMEONE}"
    rf"|\b{_IF_NOT} <W>{{0,2}}(?:{_SPREAD} )?{_THEY} <W>{{0,2}}{_OF_SOMEONE}"
    rf"(?: <W>{{0,4}}{_SPREAD}\b)?"
    rf"|\b{_OF_SOMEONE} <W>{{0,4}}{_SPREAD} <W>{{0,3}}{_IF_NOT}",
    unless=rf"\b(?:als|wanneer|if|when) (?:ik|i|ze|zij|hij|je|you) <W>{{0,2}}{_OF_SOMEONE}",
)
# Filmed undressed or in the shower, or such pictures spread: "een filmpje van mij in de
# douche verspreid", "hij heeft me stiekem gefilmd in de kleedkamer".
_PRIVATE = (
    r"(?:douche|douchen|kleedkamer|omkleden|verkleden|uitkleden|ondergoed|bloot|naakt|wc|toilet"
    r"|badkamer|shower|showering|bathroom|changing|undress\w*|naked|underwear)"
)
_rule(
    SEXUAL,
    rf"\b{_OF_SOMEONE} <W>{{0,6}}{_PRIVATE}\b"
    r"|\b(?:gefilmd|gefotografeerd|filmt|filmde|fotografeert|fotografeerde|filmed|filming"
    rf"|photographed|recorded) <W>{{0,4}}{_PRIVATE}\b",
)
# Sex against one's will: "hij wil seks maar ik wil niet".
_rule(
    SEXUAL,
    r"\bseks\w* <W>{0,6}(?:ik wil (?:het )?niet|ik wilde (?:het )?niet|niet wil|niet wilde"
    r"|tegen mijn wil|moest van|moet van)|\b(?:tegen mijn wil|niet wilde|niet wil) <W>{0,6}seks",
)
# At night in the child's room: "komt 's nachts in mijn bed en doet dingen".
_rule(
    SEXUAL,
    r"\b(?:komt|kwam|komen) <W>{0,3}(?:mijn|me|haar|zijn) (?:bed|kamer) <W>{0,4}(?:doet|deed"
    r"|aan me|aan mij|aan haar|betast|raakt|dingen|onder de dekens|onder mijn deken)",
)
# "doet seksuele dingen met me".
_rule(
    SEXUAL,
    r"\bseksuele? (?:dingen|handelingen|spelletjes) <W>{0,4}(?:met me|met mij|bij me|bij mij"
    r"|met haar|met hem|met ons|die ik niet|tegen mijn wil|laten doen|doen)"
    r"|\b(?:doet|deed|doen|laat|liet|dwingt|dwong) <W>{0,3}seksuele? (?:dingen|handelingen)",
)
# English: "my uncle touched me", "he forced me to have sex".
_rule(
    SEXUAL,
    r"\b(?:touch|touches|touched|touching|grope|gropes|groped|groping|fondl\w*) "
    r"<ADV_EN>{0,1}(?:me|her|him|my (?:daughter|son|kid|child|sister|brother|private\w*"
    r"|body|breasts?|butt))\b",
    unless=r"(?:movie|film|song|story|video|speech|words|book|letter) <W>{0,2}touch"
    r"|touched me (?:deeply|so much|emotionally)",
)
_rule(SEXUAL, r"\bforc\w* (?:me|her|him) <W>{0,3}(?:sex\w*|naked|nudes?|touch)")

# --------------------------------------------------------------------------------------------
# Acute danger: an overdose taken, a weapon in the house, someone on a roof or the tracks.
# --------------------------------------------------------------------------------------------

# Pills taken as prescribed or for an ailment, as a routine, or asked about: "pillen voor
# hooikoorts ingenomen", "moet veel medicijnen slikken", "neemt al haar pillen netjes in",
# "heeft hij al zijn pillen ingenomen?". Only for the cases without a telling quantity.
_AILMENT = (
    r"(?:(?:de|het|mijn|zijn|haar|je|hun) )?(?:<W>)?(?:[a-z]*pijn|hooikoorts|allergie\w*"
    r"|migraine|koorts|griep|verkoudheid|menstruatie\w*|ongesteldheid|adhd|add|concentratie"
    r"|astma|epilepsie|acne|puistjes|reisziekte|wagenziekte|misselijkheid|[a-z]*ontsteking"
    r"|infectie|jeuk|eczeem|diabetes|suiker|schildklier|bloeddruk|cholesterol|anticonceptie"
    r"|verstopping|diarree|hoest|rug|hoofd|kies|kiezen|tand|tanden|keel|oor|oren|maag|knie"
    r"|knieen|spieren|<BODY>)"
)
# Taken as one should, had to, forgot to, took along, or asked about. Said in the window
# around a match, so these are words that do not go with an overdose.
_ROUTINE = (
    r"\b(?:netjes|trouw|braaf|keurig|op tijd|zoals (?:afgesproken|de dokter|de huisarts|de arts"
    r"|het hoort))\b"
    r"|\b(?:moet|moeten|moest|moesten|hoeft|hoef|hoeven|hoort|vergeet|vergeten|vergat) <W>{0,4}"
    r"<DRUG> (?:<W>)?(?:slikken|innemen|in te nemen|nemen|te nemen|te slikken)\b"
    r"|\bmee (?:te )?(?:nemen|genomen)\b"
    # a question: "heeft hij al zijn pillen ingenomen?", "ik vroeg of ze al haar pillen nam"
    r"|(?:^|\. )(?:heeft|heb|hebben|had|neemt|neem|slikt|slik) (?:hij|ze|zij|je|jij|u) al\b"
    r"|\bof (?:hij|ze|zij|je|jij|u) al\b"
)
# Every day: a habit, when it is said in the present ("ik slik al mijn pillen elke ochtend").
_DAILY = (
    r"\b(?:elke|iedere) (?:dag|ochtend|avond|morgen|week)\b|\bper (?:dag|week|keer)\b"
    r"|\bdagelijks\b|\bs (?:ochtends|avonds|morgens)\b"
)
# A box or a strip of something to eat is not a box of pills: "een hele doos koekjes".
_NOT_FOOD = (
    r"(?! (?:met |vol )?(?:koek\w*|snoep\w*|chips|chocola\w*|bonbons|kauwgom|drop|pepernoten"
    r"|cornflakes|muesli|hagelslag|rozijnen|spekjes|ijs|pizza|vitamine\w*|thee|soep|pindakaas"
    r"|nutella|jam|appelmoes|yoghurt|vla|noten|pinda\w*|augurk\w*|olijven|popcorn)\b)"
)
# "ik heb pillen geslikt" (not "haar pillen niet geslikt", not "pillen voor hooikoorts").
_rule(
    (ACUTE, SUICIDE),
    r"\b(?:pillen|pilletjes|slaappillen|tabletten|tabletjes|paracetamolletjes|pijnstillers) "
    r"<W>{0,3}(?:geslikt|ingenomen|genomen|gegeten|opgegeten|opgeslikt|doorgeslikt)\b",
    unless=r"(?<!al )(?<!alle )(?<!van )\b(?:mijn|zijn|haar|z'n|hun|je|de|die) <W>{0,1}"
    r"(?:pillen|pilletjes|slaappillen|tabletten|tabletjes)\b|\b(?:niet|vergeten|nooit) "
    rf"(?:<W>)?(?:geslikt|ingenomen|genomen)|\b(?:voor|tegen) {_AILMENT}\b|{_ROUTINE}|{_DAILY}",
)
# A quantity: "al mijn medicijnen ingenomen", "een hele strip paracetamol".
_rule(
    (ACUTE, SUICIDE),
    rf"\b<QTY> (?:van )?(?:<POSS> )?(?:<W>)?<DRUG>{_NOT_FOOD} <W>{{0,3}}<SWALLOWED>\b",
    unless=r"\bniet <W>{0,1}(?:geslikt|ingenomen|genomen)|" + _ROUTINE,
)
# The same, said now or about to happen: "ik neem al mijn pillen in", "ik slik alle pillen",
# "nu slik ik een hele doos paracetamol". A bare "veel" or "al" (already) is not a quantity
# here: "ik slik veel medicijnen", "ik slik al jaren de pil". "Neem" needs its "in" (or "at
# once"), so "ik neem alle pillen mee" is not it.
_QTY_NOW = (
    r"(?:alle|al (?:<POSS>|die|deze)|te ?veel|een hele|een heel|de hele|hele|een handvol"
    r"|een heleboel|een doos|een doosje|een strip|een pot|een potje|een flesje|een fles"
    r"|[0-9]{2,}|tien|twintig|dertig|veertig|vijftig|(?:[0-9]|twee|drie|vier|vijf)"
    r"(?= (?:strips|doosjes|dozen|potjes|flesjes|flessen)\b))"
)
_rule(
    (ACUTE, SUICIDE),
    rf"\b(?:slik|slikt|slikte|slikten) (?:ik |hij |ze |zij )?<ADV>{{0,3}}{_QTY_NOW} (?:van )?"
    rf"(?:<POSS> )?(?:<W>)?<DRUG>\b{_NOT_FOOD}"
    rf"|\b(?:neem|neemt|nam|namen) (?:ik |hij |ze |zij )?<ADV>{{0,3}}{_QTY_NOW} (?:van )?"
    rf"(?:<POSS> )?(?:<W>)?<DRUG>{_NOT_FOOD} (?:<W>{{0,3}}in(?: <ADV>{{0,2}})?<CLAUSE_END>"
    r"|<W>{0,2}(?:tegelijk|in een keer|in 1 keer|ineens|allemaal)\b)",
    unless=rf"{_ROUTINE}|{_DAILY}|\b(?:voor|tegen) {_AILMENT}\b",
)
# Taken, said with "op" (eaten up): "ik heb 30 pillen op", "ik heb al mijn pillen op", "ze
# heeft een hele strip paracetamol op". With a telling quantity only, so "mijn pillen zijn op"
# (ran out) is not it; nor a refill: "al mijn pillen op, moet naar de apotheek".
_rule(
    (ACUTE, SUICIDE),
    rf"\b(?:heb|heeft|hebben|had|hadden) (?:ik |hij |ze |zij |je )?<ADV>{{0,3}}{_QTY_NOW} (?:van )?"
    rf"(?:<POSS> )?(?:<W>)?<DRUG>\b{_NOT_FOOD} <ADV>{{0,2}}(?:in een keer |in 1 keer |tegelijk "
    r"|allemaal )?(?:op<CLAUSE_END>|opgemaakt\b|op gemaakt\b)",
    unless=r"\b(?:apotheek|apotheker|recept\w*|herhaalrecept\w*|bij ?bestellen|bestel\w*"
    r"|nieuwe|ophalen|halen|voorraad)\b|" + _ROUTINE,
)
# All of them, without naming the pills: "ik heb ze allemaal ingenomen", "alles geslikt wat
# in het medicijnkastje lag"; not a course of antibiotics finished as prescribed.
_rule(
    (ACUTE, SUICIDE),
    r"\b(?:ze|die|deze) <ADV>{0,2}(?:allemaal|alle(?:maal)? tegelijk|in een keer allemaal)"
    r" <ADV>{0,2}(?:in een keer |tegelijk )?(?:ingenomen|in genomen|geslikt|opgeslikt|doorgeslikt"
    r"|genomen)\b|\balles <ADV>{0,2}(?:ingenomen|in genomen|geslikt|opgeslikt|doorgeslikt)\b"
    r"|\b(?:neem|neemt|slik|slikt) (?:ik |hij |ze |zij )?<ADV>{0,2}(?:ze|die|deze) <ADV>{0,2}"
    r"(?:allemaal|alle(?:maal)? tegelijk)(?: (?:in een keer|tegelijk))?(?: in)?<CLAUSE_END>"
    r"|\b(?:medicijnkast\w*|medicijnla\w*|medicijndoos\w*) <W>{0,2}(?:leeg|leeggehaald"
    r"|leeggegeten|geslikt|ingenomen)\b",
    unless=r"\bkuur\b|voorschr\w*|zoals (?:afgesproken|de dokter|de huisarts|het hoort)"
    r"|vitamine\w*|snoep\w*|koekje\w*|\bchips\b|\bniet\b <W>{0,1}(?:ingenomen|geslikt|genomen)"
    # "innemen" is also what a teacher does with telephones
    r"|\b(?:juf|meester|leraar|lerares|docent|mentor|conducteur|politie|agent|school) (?:heeft"
    r"|had|hebben|heb|neemt|nam|namen|nemen) (?:ze|die|deze) allemaal|\b(?:telefoon\w*|mobiel\w*"
    r"|spullen|boeken|schriften)\b",
)
# "overdosis", "overdose", "od gegaan", but not "een overdosis snoep".
_rule(
    (ACUTE, SUICIDE),
    r"\b(?:overdosis|overdosering|overdose\w*|od gegaan|od gaan|oded)\b",
    unless=r"overdosis (?:aan )?(?:snoep|suiker|informatie|schermtijd|huiswerk|liefde|knuffels"
    r"|energie|drama|gezelligheid|zon|zonlicht|tiktok|gamen|prikkels|social media|chocola)",
)
# English: "took too many pills", "swallowed a whole bottle of pills".
_rule(
    (ACUTE, SUICIDE),
    r"\b(?:took|taken|take|takes|taking|swallowed|swallow|swallowing|downed|downing|popped"
    r"|pop|popping|ate|had) <W>{0,2}(?:a whole (?:bottle|box|pack|strip)|a bottle|a box"
    r"|a pack|a bunch|too many|too much|lots|a lot|all|all of|every|every single"
    r"|a handful|handful|loads|[0-9]{2,}) (?:of )?(?:my |her |his |the |those |these )?(?:<W>)?"
    r"<EN_DRUG>|\b(?:took|swallowed|downed) (?:some |a few )?pills\b"
    r"|\b(?:took|swallowed|downed|taken) (?:them all|all of them|every single one)(?: at once"
    r"| together)?<CLAUSE_END>|\b(?:took|swallowed|downed|taken) everything in the medicine"
    r" (?:cabinet|box|drawer)\b",
    unless=r"for (?:my|a|the|her|his) (?:headache|pain|period|cold|flu)|\bevery (?:day|morning"
    r"|night|evening)\b|\b(?:each|per) day\b|\bin the morning\b|\bas prescribed\b"
    r"|\bprescri\w*|\bon time\b|\bforg[eo]t\w*|\bremember\w*|\bdoctor\b|\b(?:did|does|do|has|have)"
    r" (?:you|he|she|they) <W>{0,1}(?:take|taken|swallow\w*)",
)
# A weapon in someone's hand: "staat met een mes voor de deur", "hij heeft een pistool".
_COOKING = (
    r"snijden|snijdt|eten|eet|smeren|smeert|leren|leert|koken|kookles|brood|groente|fruit"
    r"|appel|aardappel|vork|bestek|knutselen|knippen|knipt|papier|gekregen|gekocht|nodig"
    r"|cadeau|verjaardag|scouting|voor school"
)
_rule(
    (ACUTE, VIOLENCE),
    r"\bmet (?:een|het|zijn|haar|dat|die|mijn|een groot|een groot|zo'n) (?:<W>)?<WEAPON>\b",
    unless=_COOKING,
)
_rule(
    (ACUTE, VIOLENCE),
    r"\b(?:heeft|had|hebben|heb|pakt|pakte|pak|pakken|gepakt|haalt|haalde|houdt|hield|draagt"
    r"|droeg|zwaait|zwaaide|trekt|trok|getrokken) <ADV>{0,2}(?:een|het|zijn|haar|dat|die|de"
    r"|mijn) (?:<W>)?<WEAPON>\b",
    unless=_COOKING,
)
_rule(
    (ACUTE, VIOLENCE),
    r"\b<WEAPON> (?:tegen|op|bij|aan) (?:<POSS> )?(?:keel|hoofd|hals|pols|polsen|borst|buik|nek"
    r"|slaap)\b",
)
# Stabbing, shooting: "steekt me neer", "doodschieten", "neergestoken".
_rule(
    (ACUTE, VIOLENCE),
    r"\b(?:neer ?steken|neer ?te steken|neergestoken|neerstak|neer ?schieten|neer ?te schieten"
    r"|neergeschoten|doodsteken|dood te steken|doodschieten|dood te schieten|overhoop "
    r"(?:te )?(?:steken|schieten))\b|\b(?:steekt|stak|schiet|schoot) <OBJ> <W>{0,1}"
    r"(?:neer|dood|overhoop)\b",
    unless=r"\b(?:game|spel|fortnite|minecraft|roblox|gta|fifa|potje|zombies?)\b",
)
# Threats to kill: "hij dreigt ons te vermoorden", "gaat me doodmaken".
_KILL_FIGURES = (
    r"\bals (?:ze|hij|zij|<POSS> <W>|mama|papa|mam|pap) <W>{0,3}(?:ziet|hoort|weet|merkt"
    r"|ontdekt|leest|vindt|ontdekken|erachter|achter komt|thuiskomt)|\b(?:game|spel|fortnite"
    rf"|minecraft|roblox|gta|fifa|potje|zombies?)\b|{_KILL_FIGURE_NL}"
)
_rule(
    (ACUTE, VIOLENCE),
    r"\b(?:<OBJ>|jullie|iedereen) <ADV>{0,3}(?:<W>){0,2}(?:vermoord\w*|te vermoorden"
    r"|dood ?maken|dood te maken|ombrengen|om te brengen|af te maken|van kant te maken)\b"
    r"|\bvermoord\w* <ADV>{0,1}(?:<OBJ>|jullie|iedereen)\b"
    r"|\bdat (?:hij|ze|zij) (?:<OBJ>|jullie|iedereen) <ADV>{0,2}(?:afmaakt|zal afmaken"
    r"|gaat afmaken|doodmaakt|dood maakt|ombrengt)\b",
    unless=_KILL_FIGURES,
)
_rule(
    (ACUTE, VIOLENCE),
    r"\b(?:ge|be)?dreig\w* <W>{0,8}(?:dood|vermoorden|neer te steken|neer te schieten"
    r"|met een <WEAPON>|iets aan te doen|te doden|af te maken)"
    r"|\bbedreig\w* <W>{0,3}met (?:een|het|zijn|haar) (?:<W>)?<WEAPON>",
)
# Someone on the tracks, a bridge or a roof: "ik sta nu op het spoor".
_rule(
    (ACUTE, SUICIDE),
    r"\b(?:ik|hij|ze|zij|<POSS> <PERSON>) (?:sta|staat|zit|zitten|lig|ligt|ben|is|klim|klimt)"
    r" <ADV>{0,2}(?:op|aan de rand van) (?:het|de|een) (?:spoor|rails|spoorrails|spoorlijn"
    r"|spoorbaan|spoorbrug|brug|dak|rand|flat|balkonrand|dakrand|viaduct|hoge brug)\b"
    r"|\b(?:ik|hij|ze|zij) (?:sta|staat|zit|lig|ligt|ben|is) <ADV>{0,2}(?:bij|naast) het spoor\b",
    unless=r"\bte (?:vissen|wachten|kijken|praten|chillen|fotograferen|zwemmen)\b|met vrienden"
    r"|werk\w*|voetbal|kaart\w*",
)
# About to jump: "ik ga springen", "ze wil springen".
_rule(
    (ACUTE, SUICIDE),
    r"\b(?:ga|gaat|gaan|wil|wilt|zal|punt om te|punt te) <ADV>{0,3}(?:springen|spring)\b",
    unless=r"trampoline|zwembad|parachute|bungee|touwtje|springkussen|sloot|water|paaltje"
    r"|hoog|ver\b|paard|dans\w*|feest|atletiek|hoogspringen|verspringen|gym\w*|sport\w*|bed"
    r"|turn\w*|duik\w*|klim\w*|schans|springles",
)
# English: "he has a knife", "threatens to kill us", "standing on the bridge".
_rule(
    (ACUTE, VIOLENCE),
    r"\b(?:has|had|got|holding|holds|with|grabbed|grabs|pulled|waving) (?:a|his|her|the|my"
    r"|their) (?:<W>)?(?:knife|knives|gun|weapon|pistol|rifle|blade|axe)\b",
    unless=r"butter knife|bread|dinner|cooking|cook|kitchen class|birthday|bought|present",
)
_rule(
    (ACUTE, VIOLENCE),
    r"\b(?:going to|threaten\w*(?: to)?|will|wants to|trying to|tried to|said he would"
    r"|says he will|said she would|says she will) <W>{0,1}(?:kill|stab|shoot|murder) "
    r"(?:me|us|my <EN_FAMILY>|her|him|them|everyone)\b",
    unless=r"\b(?:if|when) (?:she|he|they|my <W>) <W>{0,3}(?:finds?|sees?|knows?|hears?)"
    rf"|\bgame\b|fortnite|minecraft|roblox|zombies?|{_KILL_FIGURE_EN}",
)
_rule(
    (ACUTE, SUICIDE),
    r"\b(?:i am|she is|he is|standing|sitting) <ADV_EN>{0,2}on (?:the|a) (?:edge of (?:the|a) )?"
    r"(?:bridge|roof|rooftop|ledge|tracks|train tracks|railway)\b",
)


# --------------------------------------------------------------------------------------------
# Detecting
# --------------------------------------------------------------------------------------------

_CONTEXT_WORDS = 6


def _around(text: str, start: int, end: int) -> str:
    """The matched phrase with a few words either side: where a figure of speech would be."""
    before = text[:start].rsplit(maxsplit=_CONTEXT_WORDS)[-_CONTEXT_WORDS:]
    after = text[end:].split(maxsplit=_CONTEXT_WORDS)[:_CONTEXT_WORDS]
    return " ".join([*before, text[start:end].strip(), *after])


def _fires(rule: _Rule, text: str) -> bool:
    """True when some match of the rule is not explained away by its exclusion.

    After an excluded match the search goes on from the next word, not from the end of that
    match, so a real signal that overlaps a figure of speech is still found.
    """
    # The rule's own pattern first: it is rare, and `also` may be a long alternation.
    if rule.also is not None and (
        rule.pattern.search(text) is None or rule.also.search(text) is None
    ):
        return False
    if rule.unless is None:
        return rule.pattern.search(text) is not None
    pos = 0
    while (match := rule.pattern.search(text, pos)) is not None:
        if not rule.unless.search(_around(text, *match.span())):
            return True
        pos = match.start() + 1
    return False


def detect_crisis(text: str) -> CrisisSignal | None:
    """Return the kinds of crisis language in `text`, or None when there is none."""
    if not text or not text.strip():
        return None
    forms = _forms(text)
    kinds: set[CrisisKind] = set()
    for rule in _RULES:
        if rule.kinds <= kinds:
            continue
        if any(_fires(rule, form) for form in forms):
            kinds |= rule.kinds
    return CrisisSignal(frozenset(kinds)) if kinds else None
