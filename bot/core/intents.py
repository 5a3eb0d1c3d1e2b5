"""Free text about the bot's own services: making, moving or cancelling a talk, a question, how
the bot works, or what it keeps about someone.

"Ik wil mijn afspraak verzetten" is no question for the self-help library: it asks for a menu
action. Nor is "hoi", "ok" or a thumbs-up: a few words without content are no question, and "stop"
or "menu" typed mean the commands. A service intent needs a service word ("afspraak",
"appointment") together with what to do with it ("verzetten", "cancel"), so a question about the
service itself ("wat gebeurt er bij het eerste gesprek?") still goes to the library. Dutch and
English are both read, whatever the person's language: people mix them.
"""

from __future__ import annotations

import re
from enum import StrEnum

from bot.core.faq import normalise

_WORD = re.compile(r"[a-z0-9]+")


class ServiceIntent(StrEnum):
    BOOK = "book"  # make an appointment
    APPOINTMENTS = "appointments"  # see, move or cancel one
    ASK = "ask"  # a question to the specialist
    HELP = "help"  # what the bot can do, and the crisis lines
    PRIVACY = "privacy"  # what the bot keeps about me, and erasing it
    THANKS = "thanks"  # a thank-you, after an answer or a tip
    STOP = "stop"  # "stop" typed: as /stop
    MENU = "menu"  # "menu" typed: as /menu
    # A few words without content: no question to send, no tip to look up.
    GREETING = "greeting"  # hoi, goedenavond
    YES = "yes"  # ok, ja, a thumbs-up
    NO = "no"  # nee, laat maar
    CHAT = "chat"  # hmm, haha, an emoji, a question mark


CONTENT_FREE = frozenset(
    {ServiceIntent.GREETING, ServiceIntent.YES, ServiceIntent.NO, ServiceIntent.CHAT}
)


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(normalise(text)))


_TALK = _words(
    "afspraak afspraken afspraakje gesprek gesprekje gesprekken consult intake kennismaking "
    "kennismakingsgesprek appointment appointments appt session meeting"
)
_CHANGE = _words(
    "verzetten verzet verplaatsen verplaats verschuiven omzetten wijzigen veranderen afzeggen "
    "afzeg annuleren annuleer afmelden afbellen cancel cancelling canceling reschedule "
    "rescheduling move postpone change"
)
_MAKE = _words(
    "maken maak plannen plan inplannen boeken boek aanvragen regelen vastleggen krijgen "
    "book booking make schedule arrange request"
)
_MINE = _words("mijn mn my")
_ASK = re.compile(
    r"\b(vraag|vragen) (stellen|aan|voor)\b|\biets vragen\b|\bask (a |my |the )?question\b"
    r"|\bquestion (for|to) the\b|\bask the (specialist|poh)\b"
)
_SHORT_QUESTION = re.compile(r"^(hoi |hallo |hi |hello )?(ik heb een vraag|i have a question)$")
# Questions about the bot itself. "Help" alone may be a cry for help: the help text it gets
# starts with the crisis lines.
_HELP = re.compile(
    r"^(hoi |hallo |hi |hello )?(help|hulp|helpen|help me|uitleg)$"
    r"|\bhoe werkt (deze|de|die|dit) (bot|app|chat|ding)\b|\bhoe werkt (dit|het hier)$"
    r"|\bwat kan (je|jij|u|deze bot|de bot|ik hier)( allemaal)?( doen| mee)?$"
    r"|\bwat (is|doet) (deze|de|dit) (bot|app|chat)\b"
    r"|\bhow (does|do) (this|the) (bot|app|chat) work\b|\bhow (does|do) (this|it) work$"
    r"|\bhow do i use (this|the bot|it)\b"
    r"|\bwhat can (you|this bot|the bot) do( for me)?$|\bwhat is this (bot|app|chat)\b"
)
# A message that is only thanks: "top, bedankt voor je antwoord!", "thanks a lot".
_THANKS = re.compile(
    r"^((hoi|oke|ok|okay|top|super|fijn|heel|echt|great|cool|ah|oh) )*"
    r"(bedankt|dankjewel|dankje|dank je( wel)?|dank u( wel)?|thanks|thank you|thx|merci|tnx)"
    r"( (voor|for) (je|jullie|uw|het|de|the|your) ?(snelle |quick |fijne |duidelijke )?"
    r"(antwoord|reactie|hulp|info|informatie|tips?|uitleg|bericht|answer|reply|help|advice))?"
    r"( (hoor|heel erg|erg|echt|zeer|veel|a lot|so much|very much|top|super|fijn))*$"
)
# The person's own data in the bot, not privacy in care ("mogen mijn ouders mijn dossier zien?"
# is a question for the library).
_PRIVACY = re.compile(
    r"\b(mijn |mn |m'n |al mijn |alle )?(gegevens|data|account|chat|berichten|profiel)"
    r" (wissen|verwijderen|weghalen|deleten|inzien|bekijken|zien)\b"
    r"|\b(wis|verwijder|delete) (mijn|mn|al mijn|alle|my|all my) "
    r"(gegevens|data|account|chat|berichten|profiel|messages)\b"
    r"|\bwat (weet|bewaart|onthoudt) (de bot|deze bot|jullie|je|jij|u) (van|over) (mij|me)\b"
    r"|\b(delete|erase|remove) (my|all my) (data|account|messages|details)\b"
    r"|\bwhat (do you|does the bot|does this bot) (know|keep|store) about me\b"
)


_STOP = re.compile(r"^(stop|stoppen|ophouden)( (maar|ermee|nu|alsjeblieft|aub|please))?$")
_MENU = re.compile(
    r"^((het|main|naar|naar het|terug naar|terug naar het) )?menu"
    r"( (graag|alsjeblieft|aub|please))?$|^hoofdmenu$"
)
_GREETING = _words(
    "hoi hoii hoihoi hallo halloo hallootjes hai hey heey hee hei heej hi hii hello hola yo "
    "goedemorgen goeiemorgen goedemiddag goeiemiddag goedenavond goeienavond goedenacht "
    "goeienacht goedendag goeiendag morgen middag avond dag daag doei doeg groetjes bye morning "
    "afternoon evening night"
)
_YES = _words(
    "ja jaa jawel jep jup yes yess yep yup yeah ok oke okee okay okey oki okido okidoki k kk "
    "prima goed top toppie super fijn cool mooi graag akkoord sure alright klopt precies "
    "inderdaad zeker tuurlijk natuurlijk helder duidelijk begrepen"
)
_NO = _words("nee neen nope no nah nein neuh laat hoeft")
_NEGATION = _words("niet not geen never nooit")
_SOUNDS = _words("hmm hm huh eh uh uhm ehm euh lol xd test testen testing wat what")
_FILLER = _words(
    "daar allemaal hoor nog even weer jij jullie there all everyone again you dan zo nou ofzo "
    "maar niet goede good dat het is wel ook nu echt heel erg then"
)
_LAUGH = re.compile(r"^(ha|he|hi|ho)+h?$")
_THUMBS_UP = ("\N{THUMBS UP SIGN}", "\N{OK HAND SIGN}", "\N{WHITE HEAVY CHECK MARK}")
CHAT_WORDS_AT_MOST = 4
# A request to ask that also says what about: the words it has beyond the request itself.
_REQUEST = _words(
    "ik wil graag een vraag vragen stellen aan de het poh praktijkondersteuner jeugd specialist "
    "jeugdspecialist voor iets mag kan hoi hallo heb stel zou willen jullie u jou je hier even "
    "i want to would like ask a an question the have can may hi hello you"
)
CONTENT_AT_LEAST = 3


def _content_free(text: str, words: list[str]) -> ServiceIntent | None:
    """Greetings and a few words without content ("hoi", "ok", "nee hoor", a thumbs-up)."""
    if not any(c.isalnum() for c in text):
        return ServiceIntent.YES if any(s in text for s in _THUMBS_UP) else ServiceIntent.CHAT
    if not words or len(words) > CHAT_WORDS_AT_MOST:
        return None  # another script ("مرحبا") is read as it is; long text has content
    known = _GREETING | _YES | _NO | _SOUNDS | _FILLER
    if not all(w in known or _LAUGH.match(w) for w in words):
        return None
    if any(w in _YES for w in words) and _NEGATION & set(words):
        return None  # "niet goed" is no yes: it may be how someone feels
    for kind, intent in (
        (_GREETING, ServiceIntent.GREETING),
        (_NO, ServiceIntent.NO),
        (_YES, ServiceIntent.YES),
    ):
        if any(w in kind for w in words):
            return intent
    return ServiceIntent.CHAT


def asks_with_content(text: str) -> bool:
    """ "Ik wil een vraag stellen over mijn dochter, ze slaapt slecht": the request says what the
    question is about, so that text is worth keeping as the question."""
    words = _WORD.findall(normalise(text))
    return len([w for w in words if w not in _REQUEST]) >= CONTENT_AT_LEAST


MINE_WORDS_AT_MOST = 8
NEAR = 3  # words between a talk and what to do with it, at most: "een afspraak bij de poh maken"


def _near(words: list[str], talks: list[int], kind: frozenset[str]) -> bool:
    return any(
        w in kind and any(abs(i - t) <= NEAR + 1 for t in talks) for i, w in enumerate(words)
    )


def service_intent(text: str) -> ServiceIntent | None:
    """What the text asks the bot to do, or None when it is not about the bot's services."""
    words = _WORD.findall(normalise(text))
    plain = " ".join(words)
    if _STOP.match(plain):
        return ServiceIntent.STOP
    if _MENU.match(plain):
        return ServiceIntent.MENU
    talks = [i for i, w in enumerate(words) if w in _TALK]
    if talks:
        if _near(words, talks, _CHANGE):
            return ServiceIntent.APPOINTMENTS
        if len(words) <= MINE_WORDS_AT_MOST and any(i > 0 and words[i - 1] in _MINE for i in talks):
            return ServiceIntent.APPOINTMENTS  # "wanneer is mijn afspraak?", not a story about one
        if _near(words, talks, _MAKE):
            return ServiceIntent.BOOK
    if _PRIVACY.search(plain):
        return ServiceIntent.PRIVACY
    if _ASK.search(plain) or _SHORT_QUESTION.match(plain):
        return ServiceIntent.ASK
    if _HELP.search(plain):
        return ServiceIntent.HELP
    if _THANKS.match(plain):
        return ServiceIntent.THANKS
    return _content_free(text, words)
