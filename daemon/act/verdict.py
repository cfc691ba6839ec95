"""What a rejection says about its decision, beyond the no: whether it gives the reason, whether
the post was filled or closed (or there was none) before anyone weighed the application, which
exercise the candidate did (a trial shift, an assessment centre, a case study, a take-home task, a
test), and whether it invites the candidate to send the application again later. Read from
families of phrases in English, German, French and Spanish, one sentence at a time. Pure.

A reply answers each: it thanks for the explanation instead of asking for feedback the mail gave;
it thanks for getting back, not for a review that never took place; it thanks for the exercise and
names it, never "interviews" that were none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE = re.compile(r"(?<=[.!?;:])\s+|\s+[-–—]\s+")
"""Where a sentence (or a clause set off by a dash or a semicolon) ends: a reason is read with the
decision it belongs to."""


def sentences(text: str) -> list[str]:
    """*text* flattened and cut into sentences and clauses."""
    return [s for s in _SENTENCE.split(" ".join(text.split())) if s]


# ---------------------------------------------------------------- the reason for the decision

_QUALIFIER = (
    r"(?:more closely|most closely|closely|better|best|closer|more directly|more suitabl[ey]|more appropriate(?:ly)?|more relevant"
    r"|genauer|eher|noch besser|besser|davantage|mieux|plus proches?|plus en adéquation|plus adaptée?s?|más|mejor)"
)
_FITS = (
    r"(?:match|align|lines? up|fit|suit|meet|map|reflect|correspond|entspr|pass|répond|adéquation|proche|adapt|ajust|encaj|adecu|cumpl"
    r"|requirements|needs?|anforderungen|exigences|attentes|besoins|requisitos|necesidades)"
)
_BOILERPLATE = re.compile(
    rf"\b{_QUALIFIER} (?:\w+ ){{0,4}}?{_FITS}|\b{_FITS}\w* (?:\w+ ){{0,2}}?{_QUALIFIER}\b|\bplus (?:en adéquation|adapté)",
    re.I,
)
"""The form letter's reason that says nothing: candidates "whose experience more closely matches
our requirements", "deren Profil noch besser passt", "dont le profil correspond davantage",
"cuyo perfil se ajusta mejor"."""
_AREA = re.compile(
    r"\b(?:experience|expérience|experiencia|erfahrung|knowledge|background|connaissances?|conocimientos?)"
    r" (?:is |was )?(?:in|of|with|on|en|sur|avec|dans|mit|im|bei|con|de)\b(?! (?:the |this |a |similar |such |our |nos |vos |este |esta |ce |cette |une? )?"
    r"(?:role|position|poste|puesto|field|domaine|sector|area|secteur|ámbito|bereich|similar)\b)"
    r"|\bmore [\w-]+ (?:[\w-]+ )?experience\b|\bwhose (?!experience|profile|skills|background|qualifications)[\w-]+ (?:[\w-]+ )?experience\b",
    re.I,
)
"""What names the area the others were stronger in ("experience in consolidation", "more LV switchgear
design experience"): a reason, even in the form letter's words."""


def _specific(sentence: str) -> bool:
    """Whether a sentence that gives a reason names something, not only the form letter's fit."""
    return not _BOILERPLATE.search(sentence) or bool(_AREA.search(sentence))


_WANTED = re.compile(
    # what the employer needed, in the place of the candidate: "we need someone who has run pastry",
    # "we're looking for someone with more hands-on experience", "we wanted more depth on testing"
    r"\b(?:(?:we|we['’](?:re|ve been)|we (?:are|were)|the (?:team|client|company|hiring manager|business|practice|school|restaurant)"
    r"(?: (?:is|was|are|were))?|they(?:['’]re| are| were)?|i(?:['’]m| am| was)?) (?:(?!always\b)\w+ ){0,3}?"
    r"(?:looking|searching) for|\b(?:we|the team|they|i)(?:['’]d|['’]ve| would| have)? (?:(?!always\b)\w+ ){0,2}?(?:need|needed|require|required|wanted|want"
    r"|have decided to hire|chose|are going with|gone with|went with|prefer(?:red)?|hoped to see|expected))"
    r"(?= (?:(?:someone|somebody)(?! else)|a (?:candidate|person)|an? (?:\w+ ){0,2}(?:candidate|person|applicant|profile) (?:who|with|that)"
    r"|more\b|deeper\b|stronger\b|(?:a |some )?(?:bit|little|lot) more\b|(?:at least|a minimum of) (?:\w+ ){0,2}years|fluent|native"
    r"|(?:prior|previous|direct|hands-on|proven) experience))"
    r"|\b(?:wir|das team|man|ich) (?:\w+ ){0,3}?(?:suchen|suchten|brauchen|brauchten|benötigen|benötigten|wünschen uns|wünschten uns"
    r"|hätten uns (?:\w+ )?gewünscht)(?= (?:\w+ ){0,2}?(?:jemanden|eine person|eine[nm]? (?:\w+ )?(?:bewerber|kandidat|kolleg|person)\w*"
    r"|mehr|tiefere|fundiertere|umfangreichere)\b)"
    r"|\b(?:nous (?:re)?cherch(?:ons|ions)|nous avons besoin|nous avions besoin|il nous faut|il nous fallait|nous souhait(?:ons|ions)"
    r"|l['’]équipe (?:re)?cherch\w*)(?= (?:\w+ ){0,2}?(?:une personne|quelqu['’]un|un profil|une? (?:candidat|collaborat)\w*|davantage|plus)\b)"
    r"|\b(?:buscamos|buscábamos|necesitamos|necesitábamos|queríamos|el equipo busca\w*|nos hac[ií]a falta)"
    r"(?= (?:\w+ ){0,2}?(?:a alguien|alguien|una persona|a una persona|un perfil|un[ao]? candidat[oa]|m[aá]s)\b)",
    re.I,
)
_BETTER_OTHERS = re.compile(
    # others chosen for something named: "other candidates were further ahead on cost modelling",
    # "deren Ergebnisse in den Fallstudien knapp vor Ihren lagen", "otras personas candidatas han obtenido
    # una valoración más alta en la parte de metrología"; not "candidates whose profile matches more closely"
    r"\b(?:other|another|the other|a different|the successful|the chosen) (?:\w+ )?(?:candidates?|applicants?|finalists?|participants?|person|people)\b"
    r"[^.!?]{0,80}?\b(?:more (?!closely|suitabl|appropriate|relevant|aligned)\w+|stronger (?!match|fit)\w+|further ahead|ahead of you"
    r"|already (?:had|has|knows|knew|has worked|had worked|been)|(?:higher|better) (?:scores?|results?|marks?))"
    r"|\b(?:anderen?|andere[rn]?|teilnehmenden|bewerber\w*|kandidat\w*)[^.!?]{0,60}?, (?:der|die|deren|dessen)\b(?:[^.!?,]{0,60}?)"
    r"\b(?:bereits|schon|knapp vor|vor ihren|vor deinen|mehr (?!zu)|umfangreichere|längere|stärkere)\b"
    r"|\b(?:andere|anderen?) (?:teilnehmende|bewerber\w*|kandidat\w*|person\w*)\b[^.!?]{0,60}?\b(?:stärker|mehr|überzeugender|besser) überzeugt"
    # another named by what they had: "another chef whose pastry experience fills a gap", "another applicant whose
    # experience with B2B onboarding flows…" (the form letter's "whose qualifications more closely match" aside)
    r"|\b(?:other|another|a different|the successful|the chosen) (?:\w+ ){1,2}?whose\b"
    r"|\b(?:d['’]autres|l['’]autre|un autre|une autre) (?:\w+ )?(?:candidat|profil|personne|finaliste)\w*[^.!?]{0,60}?"
    r"\b(?:plus (?!étroitement|précisément)\w+|davantage (?!en adéquation)\w+|déjà)"
    r"|\b(?:otr[oa]s?|la otra|el otro) (?:\w+ )?(?:candidat|perfil|persona|finalist|aspirant|participante)\w*[^.!?]{0,60}?"
    r"\b(?:m[aá]s (?!ajustad|adecuad|afín)\w+|mayor\b|ya (?:ten[ií]a|conoc[ií]a|hab[ií]a))"
    # the post filled with someone who had what it needed: "with someone who has Epic scheduling experience",
    # "con candidatos que ya contaban con experiencia en caja"
    r"|\b(?:someone|somebody|a candidate|candidates|an applicant|applicants|a person|people|jemand\w*|quelqu['’]un|une personne|alguien"
    r"|una persona|candidat[oa]s|personas) (?:who|that|qui|que|die|der)(?: already| bereits| schon| déjà| ya)?"
    r" (?:has|had|have|knew|knows|hat|hatte|hatten|avait|avaient|ten[ií]an?|contaban?|conoc[ií]an?)\b[^.!?]{0,50}?"
    r"\b(?:experience|erfahrung|expérience|experiencia|knowledge|background)",
    re.I,
)
_CAUSE = re.compile(
    r"\b(?:because|mainly as|since we|as (?:we|the (?:role|position|team)) (?:need|require|are looking|were looking|is looking))\b"
    r"(?! of (?:the )?(?:high |large |sheer |great |overwhelming )?(?:volume|number|amount|quantity|response))"
    r"(?! (?:we|i) (?:really )?(?:liked|enjoyed|loved|were impressed|was impressed|appreciated))(?! of (?:that|this)\b)"
    r"|\bdue to (?:your|a lack|the lack|limited|gaps?)\b"
    r"|\b(?:weil|da (?:wir|uns|ihnen|ihr|dir|die|der|das|es|für|bei)|denn (?:wir|für|die|der|uns))\b"
    r"|\b(?:aufgrund|wegen|mangels) (?!der (?:hohen|großen|vielen|zahlreichen|enormen) (?:anzahl|zahl|menge|resonanz|bewerbungen))"
    r"|\b(?:car|parce qu['’]?e?|puisque|étant donné que?)\b|\ben raison (?:de|d['’]|du)(?! (?:grand |nombre|volume|l['’]affluence))"
    r"|\bfaute (?:de|d['’])"
    r"|\b(?:porque|ya que|puesto que|dado que|por falta de)\b|\bdebido a (?!(?:la|el) (?:gran|alto|elevado) (?:volumen|número|cantidad))",
    re.I,
)
"""A cause: "mainly because the state-management approach…", "weil", "car", "porque"; not the
volume of applications, nor why a decision was hard ("a tough call, because we liked…")."""
_DECISION = re.compile(
    r"\b(?:decid\w*|decision|not (?:to )?(?:move|moving|go|going|proceed\w*|take|taking|progress\w*|offer\w*|continue|be (?:moving|taking|offering|progressing))"
    r"|won['’]t be|will not be|chose|chosen|selected|went with|gone with|go with|offered|pass(?:ing)? on|another candidate|other candidates"
    r"|unsuccessful|not the right|not a (?:fit|match)|keep looking"
    r"|entschied\w*|entschieden|entscheidung|absage|absagen|nicht berücksichtig\w*|nicht weiter|anderweitig|nicht (?:in die engere|für sie)"
    r"|zugunsten|für (?:eine[nr]?|die|den) (?:andere|anderen)"
    r"|décid\w*|décision|pas retenu\w*|ne retiendrons|ne (?:pas )?(?:donner|donnerons) suite|ne pas poursuivre|autre (?:candidat|profil|personne)"
    r"|decidido|decisión|no (?:seguir|continuar|avanzar|continuaremos|seguiremos)|otr[oa] (?:persona|perfil|candidat)|hemos optado)",
    re.I,
)
_HARD_CALL = re.compile(
    r"\b(?:hard|difficult|tough|close|tight) (?:call|decision|choice|one)\b|\b(?:schwer|knapp)e? entscheidung|\bdécision difficile"
    r"|\bdecisión (?:difícil|complicada)",
    re.I,
)
_CHOSEN = re.compile(
    r"\b(?:entschied\w*|entschieden|decided|chose|chosen|décidé|choisi|retenu|decidido|optado|elegido)\b", re.I
)
"""A cause that only says others were chosen ("da wir uns für andere Bewerbende entschieden haben")."""
_GAP = re.compile(
    # what the candidate lacked, said of the candidate: "that wasn't really your thing", "didn't match the
    # depth we're looking for", "ce qui n'est pas encore votre cas", "les attentes portaient surtout sur…"
    r"\b(?:didn['’]t|did not|doesn['’]t|does not|wasn['’]t|was not|isn['’]t|is not|weren['’]t|were not)"
    r" (?:quite |really |yet |fully |entirely ){0,2}(?:match (?:the|our) (?:depth|level)|reach|show|demonstrate|your (?:thing|strength)"
    r"|at the level|strong enough|deep enough|there yet|(?:\w+ )?(?:to|at) the (?:level|standard|depth))"
    r"|\b(?:came down to|fell (?:a little |a bit |slightly )?short (?:on|in)|held you back|edged (?:you )?(?:out|ahead)|the (?:main |key )?"
    r"(?:gap|deciding factor|difference) (?:was|came)|that['’]s a gap)"
    r"|\b(?:ihnen|dir) (?:fehlt|fehlte|fehlen|fehlten)|\b(?:uns )?(?:hat|haben) (?:\w+ ){0,4}gefehlt|\bnoch nicht (?:so weit|ausreichend|genug)"
    r"|\bn['’]est pas (?:encore )?(?:votre|ton) cas|\bles attentes portaient|\bvous (?:manque|manquait)|\bmanqu(?:e|ait) (?:encore )?(?:d['’]|de )"
    r"|\bnos falt[óo]|\b(?:te|le) falta(?:ba)?|\bech(?:amos|é) en falta|\bno (?:es|era) (?:todavía |aún )?(?:tu|su) (?:caso|fuerte)"
    # the work did not reach the level the post needs, in every language
    r"|\bno (?:llegaba|llegaban|llegó|llegaron|alcanzaba|alcanzaban|alcanzó|alcanzaron) (?:del todo |todavía |aún )?al nivel"
    r"|\bn['’](?:atteignai(?:t|ent)|a pas atteint|ont pas atteint) (?:pas )?(?:encore )?le niveau"
    r"|\bnicht (?:ganz |ganz das |ganz dem )?(?:das|dem|unser\w*) (?:geforderten? |nötigen? )?(?:niveau|anforderungsniveau)\b",
    re.I,
)


def gives_reason(text: str) -> bool:
    """Whether *text* says why the candidate was not chosen, in words of the candidate or the post:
    what the employer needed ("we need someone who has run pastry"), what the others had ("other
    candidates were further ahead on cost modelling"), what fell short ("didn't match the depth we're
    looking for"), a cause given with the decision ("mainly because…", "weil", "car", "porque"). Not
    the form letter's "candidates whose profile more closely matches our requirements", nor the
    volume of applications, nor why the decision was hard."""
    for sentence in sentences(text):
        if (_WANTED.search(sentence) or _BETTER_OTHERS.search(sentence)) and _specific(sentence):
            return True
        if _GAP.search(sentence) and not re.search(
            r"\b(?:requirements|criteria|anforderungen|critères|requisitos)\b", sentence, re.I
        ):
            return True
        cause = _CAUSE.search(sentence)
        if (
            cause
            and _DECISION.search(sentence)
            and not _HARD_CALL.search(sentence[: cause.start()][-40:])
            and _specific(sentence[cause.end() :])
            and not _CLOSED.search(sentence)
            and not _CHOSEN.search(sentence[cause.end() :])
        ):
            return True
    return False


_FEEDBACK_OFFERED = re.compile(
    r"\bif you(?:['’]d| would) like (?:(?:some|a few|brief|more|any|to hear|to talk through|to chat about)\s)*(?:\w+ )?"
    r"(?:feedback|notes|detail)|\b(?:happy|glad|pleased) to (?:share|give|provide|set up|arrange|offer)[^.!?]{0,60}\b(?:feedback|notes|detail|call)\b"
    r"|\bfeedback (?:is )?available (?:on|upon) request"
    r"|\bauf wunsch\b[^.!?]{0,60}\b(?:rückmeldung|feedback)|\b(?:rückmeldung|feedback)\b[^.!?]{0,40}\bauf wunsch"
    r"|\bgerne? (?:können|dürfen|kannst|darfst) (?:sie|du) (?:uns|mich)\b[^.!?]{0,40}\b(?:feedback|rückmeldung)"
    r"|\bsi vous le souhaitez\b[^.!?]{0,80}\bretour|\b(?:je reste|nous restons) disponibles? pour (?:un|une)\b[^.!?]{0,20}\bretour"
    r"|\bsi (?:quieres|lo deseas|lo desea|te interesa|le interesa)\b[^.!?]{0,80}\b(?:comentarios|feedback|valoraci[oó]n|retroalimentaci[oó]n)",
    re.I,
)
"""The mail offers feedback ("if you'd like a few notes from the panel, reply here", "Gern stellen wir
Ihnen auf Wunsch eine kurze Rückmeldung zur Verfügung", "si vous le souhaitez, … un retour", "si quieres,
podemos enviarte los comentarios"): the reply takes it up instead of asking for it."""


_SOMEONE_ELSE = re.compile(
    r"\bcontact the (?:\w+ )?(?:manager|recruiter|department)|\bwenden sie sich an\b|\bcontactez (?:le|la)\b|\bcontacta con (?:el|la)\b",
    re.I,
)
"""An offer of feedback from someone else ("please contact the recruiting manager named in the advert"):
a reply to this mail asks for it as usual."""


# ---------------------------------------------------------------- the post filled, closed, or none

_POST = r"(?:position|role|post|vacancy|job|opening|spot|seat|place|requisition|posting|shifts?|search|opportunity)"
_CLOSED = re.compile(
    rf"(?<!for this )(?<!for the )\b{_POST}\b(?: you applied for| [\w/()-]+){{0,4}}? (?:has|have|had|was|were|is|are)(?: now| already| since| just| finally| recently| actually)?"
    r" (?:been )?(?:filled|closed|cancell?ed|withdrawn|put on hold|paused|frozen|no longer (?:open|available|being (?:recruited|filled)))\b"
    r"|\b(?:we|we['’]ve|we have|we['’]d|the (?:store|team|company|business|client|hospital|practice)(?: has)?) (?:now |already |actually |just |since |recently |did )?"
    rf"(?:filled|closed|cancell?ed|withdrawn|wrap(?:ped)? up) (?:the|this|that|our|it|all|these)\b(?! (?:interview|process|stage|round))"
    r"|\b(?:decided|chosen|decision|made the (?:\w+ )?decision) (?:not to fill|to (?:close|cancel|pause|withdraw|put) (?:the|this|our))"
    r"|\b(?:will|would) not be (?:filled|filling)|\bnot (?:be )?(?:going to )?fill(?:ing)? (?:the|this) (?:position|role|post|vacancy)"
    r"|\b(?:paus(?:e|ed|ing)|freez(?:e|ing)|froze|frozen) (?:all |our |its )?hiring|\bhiring (?:freeze|pause)|\bput (?:the|this) (?:\w+ )?on hold"
    r"|\bnot moving forward with any (?:candidates|applicants|applications)|\bclos(?:e|ed|ing) all (?:open )?applications"
    # German
    r"|\b(?:stelle|position|vakanz|ausschreibung|stellenausschreibung)\b[^.!?]{0,60}?\b(?:besetzt|vergeben|geschlossen|gestrichen"
    r"|zurückgezogen|storniert|entfällt|nicht (?:mehr )?(?:nachbesetzt|besetzt) (?:werden|wird))\b"
    r"|\b(?:vorerst |vorläufig |derzeit |nun )?nicht (?:zu |mehr zu )?(?:besetzen|nachzubesetzen)\b|\beinstellungsstopp"
    # French
    r"|\b(?:poste|offre|recrutement|annonce|procédure)\b[^.!?]{0,40}?\b(?:a|est|ont|sont)(?: désormais| déjà| finalement| maintenant| bien| donc)?"
    r"(?: été)?(?: désormais| déjà| finalement| maintenant| bien| donc)? (?:pourvue?s?|clôturée?s?|close|fermée?s?|annulée?s?|suspendue?s?|gelée?s?)\b"
    r"|\bnous l['’]avons pourvu|\bn['’]est plus (?:ouvert|disponible|à pourvoir)"
    r"|\b(?:avons|a) (?:déjà |finalement )?pourvu (?:le|ce) poste|\b(?:décidé|choisi) de ne pas (?:pourvoir|ouvrir|maintenir) (?:le|ce|cet)"
    # Spanish
    r"|\b(?:vacante|plaza|puesto|posición|oferta|proceso)\b[^.!?]{0,40}?\b(?:(?:ya )?(?:ha sido|fue|está|queda|quedó) )?"
    r"(?:cubiert[oa]|cerrad[oa]|cancelad[oa]|ocupad[oa])\b|\bse (?:cubrió|ha cubierto|ha cerrado|cerró)"
    r"|\b(?:la|lo) (?:hemos|han) (?:cubierto|cerrado|cancelado)|\b(?:hemos|han|ya hemos) (?:cubierto|cerrado|cancelado) (?:el|la|esta|este)"
    r"|\bdecidido (?:cancelar|cerrar|congelar|no cubrir)",
    re.I,
)
"""The post was filled, closed or not to be filled: "the position has now been filled", "we've filled
the spot", "die Stelle wurde inzwischen besetzt", "le poste a été pourvu", "ya la hemos cubierto"."""
_CANCELLED = re.compile(
    r"\b(?:decided|chosen|decision) not to (?:fill|hire|recruit|proceed with (?:the|this) (?:role|position|hire))"
    r"|\b(?:will|would) not be (?:filled|filling|hiring)|\bnot (?:be )?(?:going to )?fill(?:ing)? (?:the|this) (?:\w+ )?(?:position|role|post|vacancy)"
    rf"|\b{_POST}\b(?: [\w/()-]+){{0,4}}? (?:has|have|had|was|were|is) (?:now |since |just |recently )?(?:been )?"
    r"(?:cancell?ed|withdrawn|eliminated|put on hold|paused|frozen)\b"
    r"|\b(?:paus(?:e|ed|ing)|freez(?:e|ing)|froze|frozen) (?:all |our |its )?hiring|\bhiring (?:freeze|pause)|\bput (?:the|this) (?:\w+ )?on hold"
    r"|\b(?:vorerst |vorläufig |derzeit |nun )?nicht (?:zu |mehr zu )?(?:besetzen|nachzubesetzen)\b|\beinstellungsstopp"
    r"|\b(?:stelle|position|vakanz)\b[^.!?]{0,60}?\b(?:gestrichen|zurückgezogen|storniert|entfällt|auf eis gelegt"
    r"|(?<!noch )(?:vorerst |vorläufig |derzeit |nun |doch |gar )?nicht (?:mehr )?(?:nach)?besetzt)\b"
    r"|\b(?:poste|recrutement)\b[^.!?]{0,40}?\b(?:annulée?|suspendue?|gelée?|supprimée?)\b|\bgel des (?:recrutements|embauches)"
    r"|\b(?:décidé|choisi) de ne pas (?:pourvoir|ouvrir|maintenir)|\bne sera (?:finalement )?pas pourvu"
    r"|\b(?:vacante|plaza|puesto|posición|proceso)\b[^.!?]{0,40}?\b(?:cancelad[oa]|congelad[oa]|suspendid[oa]|anulad[oa])\b"
    r"|\bdecidido (?:cancelar|congelar|no cubrir)|\bno (?:vamos a|se va a) cubrir",
    re.I,
)
"""Nobody gets the post: it is not to be filled, cancelled, on hold ("we've decided not to fill the
role after all", "die Stelle wird vorerst nicht besetzt", "le poste ne sera pas pourvu", "hemos
decidido no cubrir la vacante"). No selection was lost: the reply asks for no feedback on one."""
_WEIGHED = re.compile(
    r"\b(?:after|following) (?:a |an )?(?:careful |thorough |detailed )?(?:review|consideration|evaluation|assessment)\b"
    # not a review of the business: "following a review of our project pipeline"
    r"(?! of (?:our|the|its) (?:\w+ )?(?:projects?|pipeline|business|budgets?|plans?|needs|structure|organi[sz]ation|priorities|workload|resourcing|headcount))"
    r"|\b(?:carefully|have|we(?:['’]ve)?) (?:\w+ )?(?:reviewed|considered|assessed|evaluated) (?:your|all|it|the|each)\b"
    r"|\bwhose (?:qualifications|experience|profile|skills|background)"
    r"|\b(?:nach|bei) (?:sorgfältiger |eingehender |intensiver |genauer )?(?:prüfung|durchsicht|sichtung|abwägung)"
    r"|\b(?:haben|hat) (?:ihre|deine|alle|die) (?:\w+ )?(?:unterlagen|bewerbung\w*) (?:\w+ ){0,4}?(?:geprüft|gesichtet|gelesen|ausgewertet)"
    r"|\bnach abschluss des (?:auswahl|bewerbungs)verfahrens"
    r"|\b(?:deren|dessen) (?:profil|qualifikation|erfahrung)"
    r"|\baprès (?:un |une )?(?:examen|étude|analyse)|\bavons (?:bien |attentivement )?(?:étudié|examiné|analysé)|\bdont (?:le profil|l['’]expérience)"
    r"|\btras (?:revisar|valorar|analizar|estudiar)|\bhemos (?:revisado|valorado|analizado|estudiado)|\bcuy[oa] (?:perfil|experiencia)"
    r"|\bcon mayor (?:puntuaci[oó]n|experiencia)",
    re.I,
)
"""The application was weighed before the post was filled ("after careful review", "whose
qualifications more closely match", "nach sorgfältiger Prüfung"): a decision on the candidate."""
_NO_OPENING = re.compile(
    r"\b(?:no|not any|have no|don['’]t have any|do not have any|there (?:is|are) no) (?:current |suitable |open |available |matching )?"
    r"(?:vacanc(?:y|ies)|openings?|positions?|roles?|posts?)\b(?! (?:has|have) been)"
    r"(?= (?:available|open|at (?:the|this|present)|matching|that|which|for|suited|in|right now|currently|now)\b|[.,;])"
    r"|\b(?:are|is|['’]re) not (?:currently |presently |actively )?(?:hiring|recruiting)\b"
    r"|\bkeine (?:offenen?|freien?|passenden?|vakanten?) (?:stellen?|positionen?)|\bkeine vakanz|\bstellen (?:derzeit |momentan |aktuell )?"
    r"(?:niemanden|nicht) ein\b|\balle stellen (?:sind )?besetzt"
    r"|\b(?:aucun|pas de) (?:poste|offre)s? (?:vacant|ouvert|disponible|à pourvoir|correspondant)|\bd['’]aucun poste"
    r"|\bno (?:tenemos|hay|disponemos de|contamos con) (?:ninguna |una |ningún )?(?:vacante|plaza|puesto|posición)(?:s|es)?"
    r"(?= (?:que|disponible|abiert|libre|para|en este)\w*)|\bno estamos (?:contratando|incorporando)",
    re.I,
)
"""There is no post to apply for: "we have no vacancy matching your experience", "keine offene
Stelle", "aucun poste vacant", "no tenemos ninguna vacante": an unsolicited application answered."""
_RESEND = re.compile(
    r"\b(?:feel free|(?:you['’]re|you are) (?:very |most )?welcome|please(?: do)?|do|encourage you|hope you['’]ll|we['’]d (?:be glad|love) (?:to see|for) you"
    r"|you (?:may|can|could))(?: to)? (?:send (?:us |me )?(?:in |over )?(?:your|them) ?(?:details|cv|résumé|resume|application|portfolio)?"
    r" (?:again|then|in|next|later)|get (?:back )?in touch again|reach out again|re-?apply|apply again|contact us again|try (?:us )?again|check back)"
    r"|\bsend (?:us |me )?your (?:details|cv|résumé|resume|application|portfolio) again"
    r"|\b(?:gerne?|gern)\b[^.!?]{0,40}?\b(?:erneut|noch einmal|nochmal|wieder) (?:bei uns )?(?:melden|bewerben|schicken|senden|zusenden|kontaktieren)"
    r"|\b(?:melden|bewerben) (?:sie sich|du dich)\b[^.!?]{0,40}?\b(?:erneut|noch einmal|nochmal|wieder)\b|\bmelde dich gerne (?:noch einmal|wieder)"
    r"|\bn['’]hésitez pas à (?:nous )?(?:renvoyer|recontacter|repostuler|repasser|revenir vers nous|réécrire|écrire à nouveau|postuler à nouveau"
    r"|renouveler votre candidature|représenter votre candidature)"
    r"|\b(?:no dudes|no dude|puedes|puede|te animamos a|le animamos a)(?: en)? (?:volver a (?:escribir|enviar|presentar|postular|contactar|inscribir)"
    r"|escribirnos de nuevo|contactarnos de nuevo)",
    re.I,
)
"""The mail invites the candidate to send the application again later: "feel free to send your
details again then", "melden Sie sich gerne im Frühjahr noch einmal", "n'hésitez pas à repasser"."""


# ---------------------------------------------------------------- the exercise the candidate did

_EXERCISES = (
    ("shadowing", r"hospitation|shadowing (?:day|shift|session)|journée d['’]immersion|jornada de observaci[oó]n"),
    ("trial_night", r"trial (?:night|evening)|(?:nuit|soirée) d['’]essai|noche de prueba"),
    ("trial_shift", r"trial (?:shift|service)|probeschicht|service d['’]essai|turno de prueba"),
    (
        "trial_day",
        r"(?:trial|taster|working) (?:day|session)|probearbeit\w*|probetag|schnuppertag|(?:journée|matinée) d['’]essai"
        r"|(?:jornada|d[ií]a|mañana) de prueba",
    ),
    ("assessment_centre", r"assessment[- ]?(?:centre|center)s?"),
    (
        "assessment_day",
        r"assessment day|selection day|auswahltag|journée d['’](?:évaluation|assessment|recrutement)|(?:jornada|d[ií]a) de (?:selecci[oó]n|evaluaci[oó]n)",
    ),
    (
        "case",
        r"case stud(?:y|ies)|business case|fallstudie\w*|cas pratiques?|études? de cas|caso práctico|estudio de caso",
    ),
    (
        "task",
        r"take[- ]home(?: (?:exercise|task|assignment|test|challenge|project|brief))?|work sample|(?:[\w-]+ )?exercises?"
        r"|(?:written|design|coding|technical|practical|home|writing) (?:task|assignment|challenge)|arbeitsprobe|(?:coding|programmier|probe|praxis|test|fach)-?aufgabe"
        r"|exercices?(?: de \w+)?|mise en situation|ejercicio(?: de \w+)?|prueba pr[aá]ctica",
    ),
    (
        "test",
        r"(?:technical|written|coding|skills?|aptitude|online|proofreading|numerical|verbal|psychometric|language|typing|practical) (?:test|assessment)s?"
        r"|(?:programming|modell?ing|design|maths?|excel|sql|typing|[\w-]+ing) tests?|(?:eignungs|einstufungs|fach|online-?|wissens)test"
        r"|(?:den|dem|ihren|deinen|unseren|einen) test|tests? (?:technique|écrit|pratique|de \w+)s?|épreuves? écrites?"
        r"|prueba (?:t[eé]cnica|escrita|de \w+)",
    ),
)
_EXERCISE = re.compile("|".join(rf"(?P<{kind}>\b(?:{words})\b)" for kind, words in _EXERCISES), re.I)
_NOT_YET = re.compile(
    r"\b(?:progress\w*|invit\w*|mov(?:e|ed|ing)|proceed\w*|advanc\w*|select\w*|shortlist\w*|next|einlad\w*|weiterkommen|inviter|convi\w*"
    r"|passer à|pasar a|avanzar|siguiente|prochaine)\b[^.!?]{0,50}$",
    re.I,
)
_INVITED_AFTER = re.compile(r"^[^.!?]{0,30}\b(?:einlad\w*|invit\w*|convo\w*)", re.I)
"""A stage the candidate did not reach: "not selected to progress to the assessment centre stage",
"nicht zum Assessment-Center einladen"."""
_DONE = re.compile(
    r"\b(?:thank\w*|thanks|grateful|appreciat\w*|enjoyed|liked|danke?\w*|dank|bedanken|merci|remerci\w*|gracias|agradec\w*|valoramos|disfrut\w*"
    r"|your|you|votre|vos|ton|tes|tu|su|sus|ihr\w*|dein\w*|completed?|completing|submitted|did|took|sat|attend\w*|presented|reviewed|reviewing"
    r"|after|following|across|during|having|am|beim|im|nach|zum|après|suite|lors|pendant|réalis\w*|rendu|participé|tras|después|durante|hiciste|hizo"
    r"|enviaste|at|in|on)\b",
    re.I,
)
"""What makes an exercise done: thanks for it, the candidate's own ("your case study", "tu prueba"),
a verb or a preposition of time ("after the trial shift", "nach dem Probetag")."""


def exercise(text: str) -> str:
    """Which exercise *text* says the candidate did, beyond interviews: 'trial_day', 'trial_shift',
    'trial_night', 'assessment_centre', 'assessment_day', 'case', 'task', 'test', or '' when
    none (or only one the candidate did not reach: "not selected for the assessment centre")."""
    for sentence in sentences(text):
        for m in _EXERCISE.finditer(sentence):
            before = sentence[: m.start()]
            if (
                _NOT_YET.search(before)
                or _INVITED_AFTER.search(sentence[m.end() :])
                or not _DONE.search(before[-150:] + " " + sentence[m.end() : m.end() + 30])
            ):
                continue
            return m.lastgroup or ""
    return ""


@dataclass(frozen=True)
class Verdict:
    """What a rejection says about its decision (all off: a plain no)."""

    reason: bool = False
    """The mail says why: the reply thanks for the explanation and asks for no feedback."""
    closed: bool = False
    """The post was filled, closed or not to be filled, or there was none, and the mail gives no
    reason about the candidate: nobody weighed the application, so the reply thanks for getting back,
    not for a review, and asks for no feedback on it."""
    no_opening: bool = False
    """There is no post at all (an unsolicited application answered): the reply names none."""
    resend: bool = False
    """The mail invites the candidate to send the application again later: the reply says they will."""
    exercise: str = ""
    """The exercise the candidate did (see exercise()): the reply thanks for it and names it."""
    feedback_offered: bool = False
    """The mail offers feedback: the reply takes the offer up."""
    cancelled: bool = False
    """Nobody gets the post (not to be filled, cancelled, on hold): no feedback on a selection to ask for."""


def verdict(text: str, interviewed: bool = False) -> Verdict:
    """What the rejection *text* (quoted history cut off) says about its decision. *interviewed*:
    an interview took place (the post filled after one is a decision on the candidate, not a
    closed post)."""
    said = sentences(text)
    reason, did = gives_reason(text), exercise(text)
    no_opening = any(_NO_OPENING.search(s) for s in said)
    was_filled = any(_CLOSED.search(s) for s in said)
    filled = was_filled and not any(_WEIGHED.search(s) for s in said)
    closed = (no_opening or filled) and not (reason or did or interviewed)
    offered = any(_FEEDBACK_OFFERED.search(s) and not _SOMEONE_ELSE.search(s) for s in said)
    # "no vacancy matching your profile; the advertised post was filled": there was a post, named as it was
    return Verdict(
        reason,
        closed,
        no_opening and closed and not was_filled,
        bool(_RESEND.search(" ".join(said))),
        did,
        offered,
        any(_CANCELLED.search(s) for s in said),
    )
