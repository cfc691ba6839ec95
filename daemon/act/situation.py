"""The situation a reply answers, beyond the mail's category: whether an interview took place, a
one-way video or an automated screen, a self-scheduling link, slots offered, a booked or fixed
time, an agency writing for a client, feedback given or refused. Read from families of phrases
in English, German, French and Spanish. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from followup.act.agency import agency_words
from followup.act.people import person_confidence
from followup.act.platforms import NO_PLATFORMS, Platforms
from followup.act.verdict import verdict
from followup.model import Mail

# Whether an interview took place is read from families of phrases, not from single sentences:
# thanks for (or a mention of) meeting, speaking or interviewing with you/us/the team; the stages
# of an interview (final round, panel, onsite, take-home, case study, plant tour, presentation)
# spoken of as past; in four languages. A negation ("not shortlisted for interview", "kein
# Vorstellungsgespräch", "sans entretien", "sin entrevista") keeps the wording of a rejection
# before any interview: thanking for an interview that did not happen embarrasses the user.
_STAGE_EN = (
    r"(?:\w+ )?interviews?|conversations?|chats?|(?:phone |video |zoom |teams )calls?|meetings?|visit|site visit|plant tour"
    r"|tour|presentation|(?:phone|video|recruiter) screen(?:ing)?s?|portfolio (?:review|presentation)|seminar|talk|panel|onsite|on-site|final round|second round"
    r"|trial (?:shift|day)|taster day|assessment (?:day|centre|center)"
)
"""Stages where the candidate met someone. A take-home, a case study or a test alone is no
interview: a rejection after one thanks for the consideration."""
_NOT_A_STAGE = (
    r"(?! (?:stage|process|invitation|request|slot|planner|cent(?:er|re)|guide|coordinator|specialist|agent|operator"
    r"|manager|assistant|role|position))"
)
"""Not "the interview stage", nor a job title ("Meeting Planner", "Call Centre Agent")."""
_MET_EN = (
    r"(?:interview(?:ing|ed)?|meet(?:ing)?|met|speak(?:ing)?|spoke|talk(?:ing|ed)?|chat(?:ting|ted)?"
    r"|visit(?:ing|ed)? (?:us|me|our|the|\w+['’]s)\b(?! (?:\w+ )?(?:careers?|jobs?|web\w*|online|site|page|portal)\b))"
    r"(?!(?: with)?(?: us| you| me| our team)? (?:at|during|on) (?:the |our |a |an )?(?:\w+ )?(?:careers?|jobs?|recruitment|recruiting"
    r"|graduate|university|campus|hiring|virtual) (?:fairs?|events?|expos?|open days?|info(?:rmation)? sessions?|days?)\b)"
)
"""Meeting someone; a visit only to a place ("visiting our depot"), never to a careers site; not
met at a careers fair ("meeting us at the career fair": no interview)."""
_WITH_PEOPLE = (
    r"with (?!(?:the |our |your |an? )?(?:\w+ )?(?:assessments?|tests?|exercises?|tasks?|assignments?|questionnaires?|applications?"
    r"|forms?|case|challenges?|quiz|portal|platform)\b)"
)
"""Time spent with the team, not "with the online assessment"."""
_MODIFIER = r"(?:(?!(?:team|hiring|internal|weekly|review|selection|shortlisting|committee|panel|staff|board) )\w+ )?"
"""A word before a stage, but not one that makes it an internal meeting ("our team meeting",
"the shortlisting panel")."""
_OF_THE_APPLICATION = (
    r"(?![^.!?]{0,60}\b(?:application|cv|résumé|resume|cover letter|background|profile|submission|candidacy)\b)"
)
"""Not what the written application told ("getting to know you through your application")."""
_NOT_WITH_YOU_ES = (
    r" (?:de|del) (?:su |tu |la |el )?(?:candidatura|solicitud|cv|curr[ií]culum|comit[ée]|equipo|selecci[oó]n|direcci[oó]n)"
    r"| (?:a|en) (?:nuestr[ao]s? |la |el |los |las )?(?:web|p[aá]gina|portal|sitio|stand|perfil|redes)"
)
"""Not "la presentación de su candidatura", nor "la reunión del comité", nor a visit to a web site."""
_INTERVIEWED = re.compile(
    # English: thanks for meeting / the interview / the time spent with us
    r"\b(?:thank you|thanks|grateful|appreciated?)(?: you)?(?: again| so much| very much| once more)?"
    r"(?: for(?: [^.!?]{0,140}? and(?: also)?(?: for)?)?| that you took the time)"
    rf" (?:attending (?:the |your |our )?{_MODIFIER}(?:{_STAGE_EN})\b{_NOT_A_STAGE}|(?:all )?(?:the|your) time (?:you |and effort you )?(?:gave us|spent {_WITH_PEOPLE}|spent interviewing)"
    rf"|spending (?:\w+ ){{0,3}}(?:time|day|morning|afternoon|evening) {_WITH_PEOPLE}|taking (?:the )?time (?:to|for) (?:{_MET_EN}|come in)|{_MET_EN}\b|coming (?:in|by|out|to)|walking (?:us|me|the)"
    rf"|presenting|working through|(?:your|the|our) {_MODIFIER}(?:{_STAGE_EN})\b{_NOT_A_STAGE}"
    rf"|(?:the |your )?(?:time|effort) (?:you )?spent {_WITH_PEOPLE})"
    r"|\b(?:participat(?:ing|ion) in|completing) the (?:interview|selection) process"
    rf"|\b(?:your|the) {_MODIFIER}(?:{_STAGE_EN}) (?:was|went|were)\b|\benjoyed (?:our|the) (?:\w+ )?(?:conversation|chat|talk|meeting|interview|session)|\byou interviewed (?:well|strongly|with)"
    rf"|\bthe time you (?:spent|gave us|dedicated|invested)(?: \w+){{0,3}} (?:{_WITH_PEOPLE}|interviewing)"
    r"|\bthe time you took to (?:meet|speak|talk|chat|come in|visit)\b"
    r"|\b(?:after|since|following) (?:meeting|speaking|talking|chatting|interviewing)(?: with)? (?:you|us|the|our)\b"
    rf"|\b(?:after|since|when|following) (?:we|i|you) (?:interviewed|met|spoke|talked|chatted|visited (?:us|our)"
    rf"|had (?:the|our|your) (?:{_STAGE_EN}))\b"
    r"|\b(?:after|since|following|from|during|in|at) (?:your|the|our|today's|yesterday's|\w+day's|last week's|both|all|the (?:two|three))"
    rf" {_MODIFIER}(?:{_STAGE_EN})\b{_NOT_A_STAGE}(?! (?:to|with) (?:discuss|review|decide|consider)|,? (?:we|the team) (?:discussed|reviewed))"
    r"|\b(?:great|nice|a pleasure|lovely|good|wonderful) (?:to )?(?:meet|meeting|speak|speaking|talk|talking|chat|chatting)(?: with)? you"
    rf"|\b(?:enjoyed|appreciated|loved) (?:meeting|speaking|talking|chatting|getting to know|hearing (?:about|how)){_OF_THE_APPLICATION}"
    r"|\b(?:you|we) (?:interviewed|met|spoke|talked|chatted) with\b|\byou(?: have)? interviewed for\b"
    r"|\b(?:you were|you are|you're|you have been) (?:a |one of (?:the|our|two|three|\w+ strong) )?(?:strong |very strong )?finalists?\b"
    r"|\bafter (?:two|three|several|both|all the) (?:interview rounds|rounds of interviews?|interviews)|\b(?:another|(?:the )?other) finalists?\b"
    r"|\b(?:making it|made it|getting|got|reaching|reached|progressing|progressed) (?:all the way )?(?:to|into) the (?:final|last) (?:round|stage)"
    r"|\bafter (?:a|an) (?:final|second|third|last) (?:round|stage|interview)"
    r"|\bthe (?:interview|hiring) panel (?:felt|was|were|enjoyed|liked)|\bthey (?:really )?liked you in"
    r"|\b(?:appreciate|appreciated|enjoyed) (?:you coming in|having you (?:in|over|here|with us))\b"
    # German
    r"|\b(?:für|nach|über|seit|aus|in) (?:dem|das|den|die|unserem|unser|unseren|unsere|ihrem|ihr|ihren|ihre|diesem|die beiden)"
    r" (?:(?!nächste|weitere|zweite|folgende|kommende)\w+ ){0,3}(?:vorstellungs|kennenlern|bewerbungs|auswahl)?(?:gespräch(?:e|en)?"
    r"|interviews?|telefonat|kennenlernen|besuch|vortrag|probearbeit\w*|probetag|schnuppertag|assessment-?center|hospitation"
    r"|austausch|präsentation)\b(?! (?:einladen|bleiben))"
    r"|\b(?:und|für) (?:die|das) (?:\w+ ){0,3}gespräche\b|\bgespräche?n? mit (?:ihnen|uns|unserem|unseren|dem|der)\b|\bsie (?:persönlich )?kennen(?:zu)?lernen (?:durften|konnten)"
    r"|\b(?:hat|hatte) (?:uns|mich) (?:sehr )?gefreut, (?:sie|dich) (?:persönlich )?kennen(?:zu)?lernen|\bsie kennengelernt\b|\b(?:ihren|ihr) (?:besuch|vortrag|präsentation)\b|\bdie zeit, die sie sich für (?:die|das|unser)"
    r"|\b(?:vorstellungs)?gespräch(?:s|es)? (?:am|vom|letzte)"
    # "für die Bearbeitung unserer Case Study und die Präsentation am Freitag"
    r"|\bund (?:die|den|das|ihre?n?) (?:\w+ )?(?:präsentation|vortrag|besuch)\b(?! (?:einladen|bleiben))"
    # French
    r"|\b(?:suite (?:à|aux)|à la suite (?:de|des)|lors (?:de|des)|après|à l['’]issue (?:de|des)|depuis) (?:notre|votre|nos|vos|l['’]|les|deux|trois|plusieurs|différents|cet|ces|cette|ce|la)"
    r" ?(?:\w+ )?(?:entretiens?|échanges?|rencontres?|entrevues?|visite|présentation)\b"
    r"|\b(?:consacré|accordé) (?:à|a) (?:nos|notre|ces|les|vos|votre) (?:\w+ )?(?:entretiens?|échanges?|rencontres?)"
    r"|\bpour (?:notre|votre|nos|vos|cet|ces|ce|les (?:deux|trois|quatre|différents)) (?:\w+ )?(?:entretiens?|échanges?|rencontres?|entrevues?|visite)\b"
    r"|\b(?:merci|remerci\w*) (?:encore |beaucoup )?(?:pour|de|d['’]avoir) (?:votre|notre|nos|vos|l['’]|cet|ce|le|la)? ?(?:\w+ )?"
    r"(?:entretiens?|échanges?|rencontre|visite|présentation|venue?|pris le temps d['’](?:échanger|venir|nous rencontrer))"
    r"|\b(?:vous |t['’])avoir (?:rencontré|reçu|vu)e?s?\b|\bpris le temps d['’](?:échanger|nous rencontrer|venir)"
    r"|\b(?:d['’])?être (?:passée?|venue?) (?:à|au|chez|nous voir|(?:nous )?rencontrer)|\b(?:d['’])?avoir (?:échangé avec (?:moi|nous)|rencontré (?:nos|notre|l['’]))|\btemps passé avec nous"
    r"|\b(?:sur|pendant|durant) (?:les|nos|vos) (?:\w+ )?entretiens|\b(?:votre|ton) entretien (?:s['’]était|s['’]est|a été)"
    r"|\b(?:de|pour) nos échanges\b|\bentretiens? que (?:vous avez|tu as|nous avons)|\b(?:les|nos) échanges avec vous|\bvos (?:deux |différents )?entretiens\b"
    r"|\bl['’]entretien (?:de|du|d['’]hier|avec)\b"
    # Spanish
    r"|\b(?:tras|después de|durante|por) (?:la|las|el|los|su|sus|tu|tus|nuestra|nuestras|nuestro|dos|tres|varias) (?:\w+ )?"
    rf"(?:entrevistas?|conversaci[oó]n(?:es)?|reuni[oó]n(?:es)?|visita|presentaci[oó]n|exposici[oó]n oral|charla)\b(?!{_NOT_WITH_YOU_ES})"
    r"|\ben (?:la|las|su|sus|tu|tus|nuestra|nuestras) (?:\w+ )?entrevistas?\b"
    r"|\b(?:tu|su) tiempo en (?:la|el|las|los|nuestra|nuestro) (?:\w+ )?(?:charlas?|conversaci[oó]n(?:es)?|llamadas?|reuni[oó]n(?:es)?)\b"
    rf"|\bgracias (?:de nuevo |otra vez )?por (?:la|tu|su|las) (?:\w+ )?(?:entrevistas?|visita|conversaci[oó]n|charla|presentaci[oó]n)\b(?!{_NOT_WITH_YOU_ES})"
    r"|\brealizaci[oó]n de (?:la|las) entrevistas?|\b(?:tu|su) (?:entrevista|presentaci[oó]n) (?:final |fue|ha sido|salió)"
    r"|\b(?:nos|me) gust[óo] (?:mucho )?(?:hablar|charlar|conocer)|\bhaber(?:te|le|la)? (?:conocido|entrevistado)|\bfue un placer (?:conocer|hablar|charlar)"
    r"|\b(?:el )?tiempo que (?:nos )?dedicaste a (?:la|las|nuestra)|\bentrevistas? (?:del|de la semana|de ayer|con nosotros|finales)"
    r"|\bhas sido (?:uno|una) de (?:los|las) finalistas"
    r"|\b(?:tras|despu[ée]s de) (?:conocer(?:te|le|la|nos)|hablar (?:contigo|con usted)|reunirnos contigo)\b"
    r"|\bvenir a conocernos|\b(?:gracias|agradecemos|agradecerte) (?:\w+ ){0,3}por (?:tu|su) (?:d[ií]a de prueba|jornada de prueba)"
    # a trial or assessment day thanked for ("merci d'être venu passer une nuit d'essai", "votre participation à
    # notre journée d'évaluation", "gracias por venir a la jornada de prueba"), a talk enjoyed ("disfruté de nuestra
    # conversación"): thanks or enjoyment first, so an invitation to one is not read as held
    r"|\b(?:remerci\w*|merci)[^.!?]{0,80}\b(?:journ[ée]e|nuit|soir[ée]e|matin[ée]e|service|p[ée]riode) d['’](?:essai|[ée]valuation)"
    r"|\b(?:gracias|agradec\w*)[^.!?]{0,80}\b(?:jornada|d[ií]a|turno|noche) de (?:prueba|evaluaci[oó]n)"
    r"|\b(?:thank you|thanks)[^.!?]{0,80}\b(?:trial|taster|working) (?:shift|day|night|session)s?\b"
    r"|\b(?:danke|vielen dank|bedanken)[^.!?]{0,80}\b(?:probearbeit\w*|probetag|probeschicht|schnuppertag)"
    r"|\bdisfrut[ée] (?:mucho )?(?:de )?(?:nuestra|la) (?:conversaci[oó]n|charla|entrevista|reuni[oó]n)"
    # an interview spoken of as held: referred to, praised, attended (an assessment day, a visit to a site)
    r"|\b(?:refer(?:ring)? to|regarding|further to|following up on|spoke (?:well|highly) of|feedback (?:on|from)) your"
    r" (?:recent |earlier |last |final |second |first )?interview\b(?! (?:invitation|request|slot))|\byour recent interview\b"
    r"|\b(?:votre|ton) (?:entretien|entrevue|audition) (?:avait|a beaucoup|nous a|m['’]a|s['’]était|s['’]est|a été)"
    r"|\b(?:suite (?:à|aux)|à la suite (?:de|des)|lors (?:de|des)|après|à l['’]issue (?:de|des)) (?:votre|vos|l['’]|les) ?auditions?\b"
    r"|\bnous nous sommes (?:rencontré|vu|parlé)s?\b"
    r"|\bparticipa(?:r|ste|do|ci[oó]n) en (?:la|el|nuestra|nuestro) (?:jornada|d[ií]a) de (?:selecci[oó]n|evaluaci[oó]n)"
    r"|\b(?:la|tu|su) visita a (?:nuestr[ao]s?|la|las|el|los) (?:planta|oficinas?|instalaciones|f[aá]brica|tienda|sede|taller|almac[eé]n|obra)\b"
    # the phrases of earlier rounds, kept
    r"|(?:thank you|thanks) for (?:interviewing|taking the time to (?:interview|meet|speak)|your time (?:with|during)|meeting with"
    rf"|speaking with|the time you spent {_WITH_PEOPLE}|coming in)|after (?:your|the|our) (?:interview|conversation|meeting)|following (?:your|the|our)"
    r" (?:interview|conversation)|met with|interviews? with (?:us|our|the)"
    r"|(?:met|meeting|speaking with|spoke with|in front of) the panel"
    r"|(?:thank you|thanks) for (?:attending|joining|traveling|travelling)(?: to)? [^.!?]{0,40}?(?:interview|final round|onsite|on-site)"
    r"|for taking the time to visit|your time on the (?:phone|call)|coming (?:in|by) for (?:a|an|the) (?:chat|interview|visit)"
    r"|(?:thank you|thanks) for your time in the (?:assignment|interview)|discussion with (?:our|the) team"
    r"|(?:für|und) das (?:angenehme |nette |freundliche |gute |offene )?(?:gespräch|telefonat)|zeit für (?:ein|das) gespräch"
    r"|(?:ihr|ihrem|unser|unserem) (?:vorstellungs)?gespräch (?:am|vom)"
    r"|(?:votre|notre|nos|vos|des différents) entretiens? (?:avec|du|pour le poste)|(?:notre|votre) échange du \d"
    r"|entrevista contigo|entrevista con usted"
    # a panel or a final round spoken of as held, as an agency relays it ("making the trip out for the panel",
    # "nach dem Panel-Interview", "suite à votre passage devant le jury", "después de la ronda final")
    r"|\byou interviewed (?:really |very |so |extremely )?(?:well|strongly)\b"
    r"|\b(?:making|made) the (?:trip|journey|drive) (?:out |over |in |down |up )?(?:for|to) (?:the|your|our) (?:\w+ )?"
    r"(?:panel|interviews?|onsite|on-site|final round|meeting|assessment day)\b"
    r"|\b(?:nach|seit) (?:dem|der|ihrem|ihrer|unserem|unserer) (?:\w+ )?(?:panel-?interview|finalen runde|letzten runde"
    r"|(?:\w+-)?interview|(?:\w+-)?gespräch)\b"
    r"|\b(?:suite à|après) (?:votre|ton) passage (?:devant|en)\b"
    r"|\b(?:après (?:le|ce|votre)|suite (?:au|à ce|à votre)|à l['’]issue (?:du|de ce|de votre)) (?:\w+ )?tour d['’](?:entretiens?|entrevues?)"
    r"|\b(?:tras|después de) (?:la|tu|su) (?:ronda|fase) (?:final|de entrevistas)\b"
    r"|(?:tiempo|participaci[oó]n) (?:dedicad[oa] |invertid[oa] )?(?:en|a) (?:las|la) (?:\w+ )?entrevistas?"
    r"|nach (?:dem|unserem|ihrem) (?:vorstellungs)?gespräch|kennenlernen durften"
    r"|merci pour (?:l['’]|notre |votre )?(?:entretien|échange|rencontre)|suite à (?:notre|votre|l['’]) ?entretien|lors de (?:notre|votre) entretien"
    r"|gracias por (?:la |su |tu )?entrevista|tras (?:la|su|tu|nuestra) entrevista|despu[ée]s de (?:la|su|tu|nuestra) entrevista",
    re.I,
)
_NOT = r"(?:not|cannot|(?:won|can|didn|don|wasn|weren|aren|isn|couldn|wouldn|haven|hasn)['’]t)"
_NOT_A_FINALIST = re.compile(rf"\b{_NOT} (?:\w+ ){{0,3}}(?:as )?(?:a |one of (?:the|our) )?finalists?\b", re.I)
"""Not a finalist: no interview, unless the mail says one took place ("after your phone screen")."""
_NO_INTERVIEW = re.compile(
    rf"\b(?:{_NOT}|unable to|no longer) (?:be |been |to )?(?:able to )?(?:shortlist\w*|select\w*|invit\w*|progress\w*|offer\w*"
    r"|schedul\w*|mov\w+ (?:you |your application )?forward|proceed\w*|advanc\w*)"
    r"(?:(?!second|next|further|final|another|follow|additional)[^.!?]){0,40}\binterview"
    rf"|\b(?:{_NOT}|unsuccessful|unfortunately|regret\w*)\b"
    r"(?:(?!second|next|further|final|another|follow|additional|thank|grateful|appreciat|enjoy)[^.!?]){0,80}"
    r"\b(?:to|for) (?:an |a |the )?interviews?\b"
    r"|\bno interview|\bwithout (?:an |a )?interview|\bbefore (?:the |any )?interviews?\b|\binterviews? (?:have|has) not\b"
    r"|\bnicht (?:\w+ ){0,3}(?:zu|für|zum) (?:einem|ein|einen|das)? ?(?:persönlichen )?(?:vorstellungs)?(?:gespräch|interview)"
    r"|\bkein(?:e|en)? (?:persönliches )?(?:vorstellungs)?(?:gespräch|interview)"
    r"|\bpas (?:été )?(?:retenu|sélectionné|convoqué)e?s? (?:pour|à) (?:un|l['’]|les) ?entretien|\bsans (?:avoir )?(?:passé )?(?:d['’]|un )?entretien"
    r"|\bne (?:pouvons|pourrons|souhaitons) pas (?:vous )?(?:convier|proposer|recevoir|inviter)[^.!?]{0,30}entretien"
    r"|\bno (?:ha|has) sido (?:seleccionad[oa]|convocad[oa]) (?:para|a) (?:la|una) (?:fase de )?entrevista|\bsin (?:realizar |hacer )?(?:una )?entrevista"
    r"|\bno (?:vamos a|podemos) (?:invitar|convocar|citar)(?:te|le)[^.!?]{0,30}entrevista",
    re.I,
)
_QUOTE_MARK = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.M)


_FAMILIAR = re.compile(
    r"\b(?:tú|sabes|tienes|puedes|podrías|quieres|sabéis|tenéis|podéis|te|tu|tus|contigo|os|vuestr[oa]s?"
    r"|du|dich|dir|dein(?:e[nmrs]?)?|euch|eure?[nmrs]?|habt|könnt|wisst)\b"
)
"""The informal second person in Spanish and German ('¿sabes ya algo?', 'hast du schon was gehört?'), in lower case."""
_FORMAL = re.compile(r"\b(?:usted(?:es)?|Sie|Ihnen|Ihre[nmrs]?)\b")
_ATTRIBUTION = re.compile(
    r"^[ \t]*(?P<who>[^>\n][^\n]{0,200}?\s(?:wrote|escribió|a écrit|schrieb\s[^\n]{0,200}?)\s*:)[ \t]*$", re.M | re.I
)
"""A reply's line above the mail it quotes ('El mié, 5 may 2027, Nerea Goikoetxea escribió:',
'Am 05.05.2027 um 10:00 schrieb Nerea Goikoetxea <n@…>:'): who wrote it."""


_ASKED_TO_PREPARE = re.compile(
    r"\b(?:please|kindly|be sure to|make sure to|remember to|you(?:['’]ll| will) need to|we(?:['’]d| would) like you to"
    r"|we ask (?:that )?you(?: to)?)\s+(?:also\s+)?(?:prepare|bring|send|submit|put together|have ready|upload)\b"
    r"|\bbitte\s+(?:\w+\s+){0,2}?(?:bringen|mitbringen|bereiten|vorbereiten|senden|schicken|zusenden|einreichen)\b"
    r"|\bbitte\s+(?:bring|bereite|schick|sende)\b"
    r"|\b(?:merci de|je vous remercie de|nous vous remercions de|veuillez|pensez à|n['’]oubliez pas d['’]|je te remercie de)\s+"
    r"(?:bien\s+)?(?:préparer|apporter|venir avec|nous (?:envoyer|transmettre|faire parvenir)|m['’](?:envoyer|apporter)"
    r"|me (?:transmettre|faire parvenir))"
    r"|\b(?:por favor|te pedimos que|le pedimos que|le rogamos que|te rogamos que)\s*,?\s*"
    r"(?:prepar|tra(?:e|ig|ed)|env[ií]|mand|aport)\w*",
    re.I,
)
"""The invitation asks the candidate to prepare, bring or send something ("please prepare a 10-minute
presentation", "Bitte bringen Sie Ihren Gesellenbrief mit", "merci de préparer", "por favor, trae"):
the reply says it will, and does not ask what to prepare."""
_JUST_A_REPLY = re.compile(
    r"availab|times?\b|dates?\b|slots?|confirm|reply|answer|response|back to (?:me|us)|verfügbar|termin|rückmeldung|bestätig"
    r"|disponibilit|créneau|confirm|réponse|disponibilidad|horario|confirma|respuesta|cv\b|resume|résumé|lebenslauf",
    re.I,
)
"""What a reply sends anyway, or what came before: times, a confirmation, the CV already sent."""


def asked_to_prepare(flat: str) -> bool:
    """Whether the invitation *flat* asks the candidate to prepare, bring or send something beyond a
    reply ("send me your availability" asks for none)."""
    return any(not _JUST_A_REPLY.search(flat[m.end() : m.end() + 80]) for m in _ASKED_TO_PREPARE.finditer(flat))


def familiar(own: str, history: str, sender: str) -> bool:
    """Whether the candidate already wrote informally in this thread and the sender writes so too:
    the *history* quotes, under an attribution line that is not the sender's (*sender*: the
    sender's display name and address), a mail in the informal second person, and the sender's
    *own* words use it and never the formal one. A reply in usted or Sie would then step back."""
    attribution = _ATTRIBUTION.search(history)
    if attribution is None or any(
        w.casefold() in attribution["who"].casefold() for w in re.split(r"[\s<>]+", sender) if len(w) > 1
    ):
        return False
    theirs = "\n".join(line for line in history[attribution.end() :].splitlines() if _QUOTE_MARK.match(line))
    return bool(_FAMILIAR.search(own) and _FAMILIAR.search(theirs) and not _FORMAL.search(own))


_AHEAD_DE = re.compile(
    r"[^.!?]{0,60}?\b(?:folgt|folgen|findet|finden|erhalten sie|erhältst du|bekommen sie|bekommst du|melden wir|meldet sich"
    r"|entscheiden wir|entscheidet sich|laden wir|geht es)\b",
    re.I,
)
"""What comes after an interview yet to be held, as a German invitation describes its process:
"Nach dem ersten Interview folgt ein Fachgespräch", "… melden wir uns innerhalb einer Woche"."""


def _held(flat: str, match: re.Match[str]) -> bool:
    """Whether the interview *match* speaks of is held: not "nach dem Interview …" followed by the
    next step of the process."""
    return not (match.group().casefold().startswith(("nach ", "seit ")) and _AHEAD_DE.match(flat, match.end()))


def interviewed(text: str) -> bool:
    """Whether *text* says an interview took place, and nothing says none did."""
    flat = " ".join(_QUOTE_MARK.sub("", text).split())  # a phrase may wrap, or sit in a quote
    return any(_held(flat, m) for m in _INTERVIEWED.finditer(flat)) and not _NO_INTERVIEW.search(flat)


def _only_time_thanked(text: str) -> bool:
    """Whether all that says an interview was held is thanks for the time given ("the time you
    gave us"), which an exercise takes as well."""
    flat = " ".join(_QUOTE_MARK.sub("", text).split())
    held = [m.group() for m in _INTERVIEWED.finditer(flat) if _held(flat, m)]
    return bool(held) and all(re.search(r"\btime\b", h, re.I) and not _STAGE_WORD.search(h) for h in held)


_STAGE_WORD = re.compile(r"\b(?:interview\w*|meet\w*|met|conversation|call|chat|visit|panel)\b", re.I)


def no_interview(text: str) -> bool:
    """Whether *text* says no interview took place ("not shortlisted for interview"; "not a
    finalist" when nothing says an interview was held)."""
    flat = " ".join(_QUOTE_MARK.sub("", text).split())
    return bool(_NO_INTERVIEW.search(flat) or (_NOT_A_FINALIST.search(flat) and not _INTERVIEWED.search(flat)))


_ONE_WAY = re.compile(
    r"one[- ]way (?:video )?interview|hirevue|on[- ]demand (?:video )?interview|record(?:ed)? (?:your )?(?:video )?(?:answers|responses)"
    r"|complet(?:e|ed|ing) (?:the|your) (?:recorded |one-way |online )?video interview|asynchronous (?:video )?interview|automated (?:phone|video) (?:screen|interview)|pre-recorded|video interview platform"
    r"|zeitversetzte[sn]? ?(?:video)?-?interview|(?:video|antworten) (?:auf|per video )?(?:\w+ )?aufzeichnen|antworten per video"
    r"|entretien (?:vid[ée]o )?(?:en )?diff[ée]r[ée]|enregistrer? (?:vos|tes) r[ée]ponses"
    r"|entrevista (?:en |de )?(?:v[ií]deo )?(?:en )?(?:diferid[oa]|grabada|pregrabada)|grabar (?:tus|sus) respuestas"
    # answering questions by filming yourself: "responderás a 4 preguntas grabándote", "en vous filmant", "record yourself"
    r"|\bgrab[aá]ndo(?:te|se)\b|\bgrabarte\b|\ben vous filmant\b|\bvous filmer\b|\brecord(?:ing)? yourself\b|\bfilm yourself\b"
    r"|\bsich (?:dabei )?(?:selbst )?(?:filmen|aufnehmen)\b|\bdich (?:dabei )?(?:selbst )?(?:filmst|aufnimmst|filmen|aufnehmen)\b"
    # recorded answers, an automated phone line, in every language
    r"|\brecord (?:your |an? |each )?(?:answers?|responses?|video answers?)\b|\bthen record\b|\bbefore you record\b"
    r"|\b(?:phone|telephone|video|voice) (?:interview|screen\w*) (?:is |will be )?(?:fully )?automated|automated (?:telephone|voice) interview"
    r"|\bautomatic (?:phone|telephone|voice|video) (?:interview|screen)|\brecorded voice (?:will )?asks?\b"
    r"|\bautomatis(?:ch|iert)e[sn]? (?:telefon|video)?-?interview|\b(?:telefon|video)interview[^.!?]{0,40}automatisiert"
    r"|\bzeitversetzt|\bnehmen sie (?:ihre )?antworten (?:per video )?auf"
    # "Du beantwortest drei Fragen per Video – wann und wo du willst", "nimm das Video bis Montag auf"
    r"|\bbeantwort\w* (?:\w+ ){0,2}fragen (?:per|im|als) video|\b(?:nimm|nehmen sie) (?:dein|ihr|das) video\b"
    r"|\b(?:fragen|questions|preguntas) (?:per|par|en|por) v[ií]d[ée]o[^.!?]{0,30}(?:wann und wo|quand (?:et o[uù]|vous)|cuando (?:y donde|quieras))"
    r"|\bentrevue (?:vid[ée]o )?diff[ée]r[ée]e|\b(?:entretien|entrevue)s? (?:t[ée]l[ée]phonique|vid[ée]o)s? (?:et )?automati(?:s[ée]|que)"
    r"|\bquestions enregistr[ée]es|\benregistr\w* (?:vos|tes) r[ée]ponses"
    r"|\bentrevista[^.!?]{0,30}\bautomatizad[ao]|\bentrevista (?:telef[oó]nica |de voz |por tel[eé]fono )?autom[aá]tica|\buna voz grabada|\bgrab(?:a|e|ar[áa]s|ar[áa]) (?:tus|sus) respuestas",
    re.I,
)
_LIVE = re.compile(
    r"\blive (?:video )?interview|\binterview en direct|\bentrevista en (?:vivo|directo)|\blive-interview", re.I
)


def _is_one_way(mail: Mail, flat: str, p: Platforms) -> bool:
    """Whether the interview is a one-way video or an automated screen: the mail says so, or its
    link (or its sender) is a one-way video service ([lists] one_way_services), and it does not
    speak of a live interview."""
    if _ONE_WAY.search(flat):
        return True
    hosts = [re.sub(r"^https?://", "", url).split("/")[0].lower() for url in mail.links]
    hosts += [mail.sender.addr.rpartition("@")[2].lower()] if mail.sender else []
    return any(p.records_answers(host) for host in hosts) and not _LIVE.search(flat)


_SELF_SCHEDULE = re.compile(
    r"(?:choose|pick|select|book|schedule|reserve|grab) (?:a |your |the |an )?(?:available |convenient |suitable )?"
    r"(?:\w+ )?(?:time|slot|interview|date|appointment)|self[- ]schedul|scheduling link|(?:share|submit|enter|let us know|send us) your availability"
    r"|availability (?:using|via|through|with) the link|w[äa]hlen (?:sie|du)[^.]{0,60}termin|termin[^.]{0,30}(?:buchen|ausw[äa]hlen|w[äa]hlen|aussuchen|reservieren)"
    r"|(?:suchen|such|buchen|buch) (?:sie |du )?(?:sich |dir )?[^.]{0,30}termin\w* aus\b"
    r"|choisi(?:r|ssez)[^.]{0,30}cr[ée]neau|r[ée]serve[rz] (?:un|votre) cr[ée]neau|vos disponibilit[ée]s (?:via|sur|dans)"
    r"|elig?[ea][^.]{0,30}(?:horario|hora|fecha|franja)|reserva[^.]{0,30}(?:horario|hora|cita|franja)|agenda (?:tu|su) (?:entrevista|cita)",
    re.I,
)
_A_LINK = re.compile(
    r"https?://|\bwww\.|\b(?:link|button|click|portal|calendar|lien|bouton|cliquez|enlace|bot[óo]n|pincha|haz clic|schaltfl[äa]che"
    r"|klicken)\b|\b(?:hier|ici|aqu[íi]|here)\s*(?:[:.!]|$)",
    re.I,
)
"""What points at a link in the sentence that asks the candidate to pick a time: the URL itself, or
words for one ("the link below", "click here:", "über den Button")."""
_URL = re.compile(r"https?://|www\.", re.I)
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def asks_to_book(text: str, scheduling: tuple[str, ...]) -> bool:
    """Whether the mail asks the candidate to pick a time through a link. A scheduling link
    found (calendly.com, a /schedule/ path) makes any booking phrase enough; otherwise the
    phrase ("choose a time", "wählen Sie einen Termin") needs the link, or words for one ("the
    link below", "click here:"), in its sentence, or the link right after it. "We would like
    to schedule an interview" with the company's site in the signature asks for nothing to be
    booked."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n[ \t]*\n", _QUOTE_MARK.sub("", text))]
    for i, paragraph in enumerate(paragraphs):
        for match in _SELF_SCHEDULE.finditer(paragraph):
            if scheduling:
                return True
            start = max((m.end() for m in _SENTENCE_END.finditer(paragraph, 0, match.start())), default=0)
            end_match = _SENTENCE_END.search(paragraph, match.end())
            end = end_match.end() if end_match else len(paragraph)
            sentence, after = paragraph[start:end], paragraph[end:].lstrip()
            if not after and sentence.rstrip().endswith(":") and i + 1 < len(paragraphs):
                after = paragraphs[i + 1]
            if _A_LINK.search(sentence) or _URL.match(after):
                return True
    return False


_BOOKED = re.compile(
    r"\b(?:your|the) (?:booking|appointment|interview|reservation|call)(?: \w+){0,6} (?:is|has been|was) (?:confirmed|booked|scheduled)"
    r"(?! (?:to|for (?:about |approximately |around |up to )?(?:\d+|an?|one|two|three|half) (?:min|hour|day)))\b"
    r"|^(?:confirmed|best[äa]tigt|confirm[ée]|confirmad[oa])\s*:|\b(?:(?:a new|your) event has been (?:scheduled|booked)|this (?:email |message )?confirms your|you(?:'re| are) (?:booked|confirmed|scheduled) for"
    r"|(?:we|they) have you (?:down|booked|scheduled) for|(?:i|we)(?:'ve| have) (?:booked|scheduled) you)"
    r"|\b(?:ihr|der) (?:termin|buchung|interview)(?: \w+){0,4} (?:ist|wurde) (?:best[äa]tigt|gebucht)|\bder termin steht\b"
    r"|\bbest[äa]tigung ihres termins|\bvotre (?:rendez-vous|entretien|réservation)(?: \w+){0,4} (?:est|a été) (?:confirmé|réservé|planifié)e?"
    r"|\bconfirmation de (?:votre|ton) (?:rendez-vous|entretien)|\b(?:tu|su) (?:cita|entrevista|reserva)(?: \w+){0,4} (?:está|ha sido|queda) "
    r"(?:confirmada|reservada|agendada)|\bte (?:agend[ée]|cit[ée]|he agendado)|\ble (?:hemos )?(?:agendado|citado)",
    re.I,
)
_DATE_WORD = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo"
    r"|\d{1,2}(?:\.|st|nd|rd|th)?\s+(?:of\s+|de\s+)?(?:jan|feb|m[äa]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz]|janv|f[ée]v|avr|juil"
    r"|ao[ûu]|d[ée]c|ene|abr|ago|dic|juin|mars)\w*|\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?\b)"
)
_SPOKEN_HOUR = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon)"
_CLOCK = (
    # not a date's day and month ("Freitag, 29.05., um 10:30 Uhr", "01.06.2026", "Dienstag, 10.03. um 9 Uhr")
    r"(?:\d{1,2}(?:[:.h]\d\d)?\s?(?:[ap]\.?m\.?|uhr|h)(?!\w)|\d{1,2}[:.h]\d\d\b(?!\.\d|\.,|\.\s*\d{2,4}\b|\.\s+(?:um|at|à|a las)\b)"
    rf"|\bat half (?:past )?{_SPOKEN_HOUR}\b|\bat (?:{_SPOKEN_HOUR}|\d{{1,2}}) o['’]clock\b)"
)
"""A clock time: "10:30", "10am", "14 Uhr", "9h30", and spoken English ("at half ten", "at ten o'clock")."""
_DAY_NAME = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo)"
)
_BARE_HOUR = (
    r"(?:at|um|à|a las|a la)\s+(?:[1-9]|1[0-9]|2[0-3])(?![\d:.,/]|\s*(?:%|h\b))"
    r"(?=\s*(?:[,;!?)]|\.(?:\s|$)|$)|\s+(?:for|to|pm|am|p\.m\.|a\.m\.|pacific|eastern|central|mountain|[a-z]?[ecmp][sd]?t\b"
    r"|o['’]clock|your time|my time|uhr|heures?\b|horas?\b|para|pour|f[üu]r|zum|zur|am\b|por|par|en|in|on|via|with|mit|con|avec))"
)
"""A bare hour after a weekday, as a casual mail writes it: "Thursday at 3 for a quick chat", "el jueves a las 5"."""
_FIXED = re.compile(
    rf"\b{_DATE_WORD}(?:(?![.!?](?:\s|$))(?:[^\n]|\n(?!\s*\n))){{0,60}}?{_CLOCK}"
    rf"|{_CLOCK}(?:(?![.!?](?:\s|$))(?:[^\n]|\n(?!\s*\n))){{0,40}}?\b{_DATE_WORD}"
    rf"|\b{_DAY_NAME}\s+{_BARE_HOUR}"
    rf"|\b(?:date|datum|fecha)\s*:[^\n]{{0,80}}\n(?:[^\n]{{0,80}}\n){{0,2}}?[^\n]{{0,80}}?{_CLOCK}",
    re.I,
)
_WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo"
    r"|(?:mon|tue|wed|thu|fri|sat|sun|mo|di|mi|do|fr|sa|so|lun|mar|mer|jeu|ven|sam|dim|mié|jue|vie|sáb|dom)\b\.?)"
)
_DAY_RANGE = re.compile(rf"\b{_WEEKDAY}\s*(?:to|till|until|through|thru|bis|au|à|a|-|–|—)\s*{_WEEKDAY}(?!\w)", re.I)
"""Opening or working hours ("Monday to Friday, 9am to 5pm", "Mo–Fr 9–17 Uhr"): no interview's time."""
_ABOUT_THE_INTERVIEW = re.compile(
    r"\b(?:interview\w*|meeting|call|conversation|chat|visit|onsite|on-site|assessment|gespräch\w*|\w*gespräch|termin|treffen"
    r"|entretien|rendez-vous|rencontre|échange|visio|appel|entrevista|reuni[oó]n|cita|llamada|videollamada|charla|zoom|teams|google meet"
    r"|skype|webex|agend[ée]|agendad[oa]|come (?:by|in|to))\b|\bslots?"
    r"|\b(?:at|@|um|à|a las?|alle)\s*\d|\bat half (?:past )?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b|\b(?:when|wann|quand|cu[áa]ndo|date|datum|fecha|time|uhrzeit|heure|hora)\s*:",
    re.I,
)
"""What ties a date and a time to the interview: a word for it in the same sentence, a time
given as "at 10:00" / "um 10 Uhr" / "à 10h" / "a las 10:00", or a "When:" / "Datum:" label.
A line that starts with the date or the time is a detail of what the lines before it, or the
subject, speak of ("Interview details:\n\nMonday 4 May 2026, 15:00 - 16:00")."""
_SENTENCE_CUT = re.compile(r"(?<!\d)[.!?](?=\s)|\n[ \t]*\n")


def _sentence_of(text: str, start: int, end: int) -> str:
    """The sentence (or paragraph, when it has no end) around text[start:end]."""
    head = text[max(0, start - 200) : start]
    cut = max((m.end() for m in _SENTENCE_CUT.finditer(head)), default=0)
    tail = text[end : end + 200]
    stop = _SENTENCE_CUT.search(tail)
    return head[cut:] + text[start:end] + tail[: stop.start() if stop else len(tail)]


_DEADLINE = re.compile(
    r"\b(?:by|until|before|no later than|deadline|bis(?: zum| am)?|sp[äa]testens|avant(?: le)?|jusqu['’]au|d['’]ici(?: le| au)?|hasta(?: el)?"
    r"|antes del?|plazo)\W{0,3}(?:the end of |end of |close of business |le |el |den |am )?$",
    re.I,
)
_DEADLINE_WORD = re.compile(
    r"(?:(?<!hosted )(?<!led )(?<!conducted )(?<!run )(?<!joined )(?<!organised )(?<!organized )(?<!swing )(?<!stop )(?<!come )"
    r"(?<!drop )(?<!pop )(?<!call )(?<!stopping )(?<!coming )(?<!dropping )(?<!popping )(?<!swinging )\bby|\b(?:until|till|before|no later than|deadline|bis|sp[äa]testens|avant|jusqu['’](?:au|à)|d['’]ici|hasta|antes de|plazo))\b"
    r"(?![^.!?\n]*?\b(?:phone|telephone|video|zoom|teams|skype|call|t[ée]l[ée]phone|vid[ée]o|visio|tel[ée]fono|videollamada|telefon)\b)",
    re.I,
)
"""A word that makes the date after it a deadline ("ideally by this Thursday", "spätestens bis
Freitag", "d'ici jeudi"), not how the interview is held ("by phone on Tuesday at 10am")."""
_REPLY_VERB = re.compile(
    r"\b(?:send|reply|respond|let (?:me|us) know|get back|return|submit|confirm|schick\w*|send\w*|antwort\w*|mitteil\w*|r[üu]ckmeld\w*"
    r"|melden|r[ée]pond\w*|envoy\w*|transmett\w*|indiqu\w*|respond\w*|env[ií]\w*|indic\w*|confirm\w*|conf[ií]rm\w*)\b",
    re.I,
)
_AT_THE_LATEST = re.compile(
    r"^[^.!?;\n]{0,25}?\b(?:at the latest|au plus tard|como muy tarde|a m[áa]s tardar|sp[äa]testens)\b", re.I
)
_CLAUSE_CUT = re.compile(r"[;:]\s|(?<!\d)[.!?](?=\s)|\n")


def is_deadline(text: str, start: int, end: int) -> bool:
    """Whether the date or time at text[start:end] is a deadline, not the interview's time: a
    deadline word within 25 characters before it ("ideally by this Thursday at 5pm"), "at the
    latest" after it, or a deadline word earlier in a clause that asks for an answer ("please
    send me your availability before the end of Thursday")."""
    head = text[max(0, start - 120) : start]
    clause = head[max((m.end() for m in _CLAUSE_CUT.finditer(head)), default=0) :]
    near = clause[-25:]
    if _DEADLINE_WORD.search(near) or _AT_THE_LATEST.search(text[end : end + 45]):
        return True
    return bool(_DEADLINE_WORD.search(clause) and _REPLY_VERB.search(clause))


_NO_FEEDBACK = re.compile(
    r"\b(?:(?:unable|not able|aren['’]t able|isn['’]t possible|not possible) to|can(?:not|'t|’t)|won['’]t be able to"
    r"|will not be able to|do not|don['’]t|(?:are|is) not in a position to) (?!hesitate\b)(?:\w+ ){0,2}"
    r"(?:provide|give|offer|share) (?:\w+ ){0,2}(?:feedback|reasons)"
    r"|\bkein(?:e|en)? (?:\w+ )?(?:feedback|rückmeldung zu den gründen|begründung)|\bnicht (?:\w+ ){0,3}(?:feedback|begründ)"
    r"|\b(?:ne (?:pouvons|pourrons) pas|ne sommes pas en mesure de|impossible de) (?:vous )?(?:faire|donner|apporter|communiquer)[^.!?]{0,20}(?:retour|motif|raisons)"
    r"|\bno (?:podemos|nos es posible|es posible) (?:\w+ ){0,2}(?:dar|ofrecer|facilitar|proporcionar)[^.!?]{0,20}(?:feedback|valoraci|motivo|respuesta individual)",
    re.I,
)
_FEEDBACK = re.compile(
    r"\b(?:feedback|the panel(?:['’]s)? (?:notes|said|agreed|wanted|liked|noted)|el panel|went well|held you back|fell (?:a little )?short"
    r"|came down to|edged ahead|(?:wanted|looking for) more|eindruck|(?:ge)?fehlte?n?|en revanche|ce que l['’]équipe a apprécié"
    r"|(?:voici|quelques|ce|mes|nos) retours?|faltó|a mejorar|comentó el equipo|strengths?|improve\w*|areas? (?:to|for|of) (?:develop|improve|focus)|would have liked|we (?:felt|noticed|missed)|the panel (?:felt|noted|liked)"
    r"|could (?:have )?(?:be(?:en)? )?(?:stronger|deeper|more)|(?:here is|here's|some|our|detailed|the) feedback|stärken|verbesser\w*|hätten uns \w+ gewünscht"
    r"|points? forts|axes? d['’](?:amélioration|progrès)|(?:aurions|aurait) aimé|puntos (?:fuertes|de mejora)|mejorar|nos hubiera gustado|eche?mos en falta)\b",
    re.I,
)
_LONG_INTERVIEW = re.compile(
    r"\b(?:virtual |full[- ]day )?on-?site\b|\bsuper ?day\b|\bitinerary\b|\bassessment (?:day|centre|center)\b|\bfull[- ]day\b"
    r"|\bhalf[- ]day\b|\bpanel day\b|\b(?:final|interview) loop\b|\bassessment-?center\b|\bganzt[äa]gig|\bjourn[ée]e (?:d['’]|de )?"
    r"(?:recrutement|entretiens|immersion)|\bjornada (?:de|completa)",
    re.I,
)
LONG_INTERVIEW_LENGTH = timedelta(hours=4)
"""An onsite, a superday, a virtual onsite: at least this long when the mail does not say when it ends."""
_END_CLOCK = re.compile(r"\b(\d{1,2})(?:[:.h](\d\d))?\s?([ap])\.?m\.?\b|\b(\d{1,2})[:h](\d\d)\b(?!\s?[ap]\.?m)", re.I)


def long_interview_end(text: str, start: datetime) -> datetime | None:
    """When a long interview ends, if the mail speaks of one: the latest clock time the mail
    writes on the interview's day (the itinerary's last slot), and at least LONG_INTERVIEW_LENGTH
    after *start*. None for an ordinary interview (the plan's default length applies)."""
    flat = " ".join(text.split())
    if not _LONG_INTERVIEW.search(flat):
        return None
    end = start + LONG_INTERVIEW_LENGTH
    for m in _END_CLOCK.finditer(flat):
        hour, minute = int(m.group(1) or m.group(4)), int(m.group(2) or m.group(5) or 0)
        if m.group(3):
            hour = hour % 12 + (12 if m.group(3).lower() == "p" else 0)
        if hour > 23 or minute > 59 or _DEADLINE.search(flat[max(0, m.start() - 40) : m.start()]):
            continue  # not a time of day, or a deadline ("please confirm by 18:00")
        later = start.replace(hour=hour, minute=minute)
        if end < later <= start + timedelta(hours=12):
            end = later
    return end


@dataclass(frozen=True)
class Situation:
    """What the reply should answer, beyond the category."""

    interviewed: bool = False
    """The mail says an interview took place (a rejection after one thanks for it)."""
    self_schedule: bool = False
    """The candidate books a time through a link: acknowledge, do not ask for times."""
    one_way: bool = False
    """A one-way video or automated screen: nobody to agree a time with."""
    slots: tuple[str, ...] = ()
    """Times the mail offers, as it writes them."""
    interviewer: str = ""
    """The person the candidate meets, when the invitation names one."""
    booked: bool = False
    """The mail confirms a slot that is booked (Calendly, Microsoft Bookings, "this confirms")."""
    fixed: bool = False
    """The mail sets a date and a time for the interview (whether or not extraction is sure of it)."""
    agency: bool = False
    """An agency recruiter writes for a client: the interview is with someone else."""
    no_feedback: bool = False
    """The mail says no individual feedback can be given: the reply does not ask for it."""
    feedback: bool = False
    """The mail gives feedback on the candidate (strengths, what to improve): a reply thanks for it."""
    written_time: str = ""
    """The date and time the mail fixes, as it writes them ("Tuesday at 10am"), when the interview's
    time could not be read but a reply can name it as written."""
    choice: bool = False
    """The mail offers dates or times to choose from (named in slots when one reads cleanly)."""
    asked_to_prepare: bool = False
    """The invitation asks the candidate to prepare, bring or send something for the interview."""
    familiar: bool = False
    """The candidate already wrote tú or du in the thread, and the sender writes so too: the reply does."""
    no_interview: bool = False
    """The mail says no interview took place ("not shortlisted for interview"), or speaks of a one-way
    video: an invitation in the thread or the ledger does not make it one."""
    reason: bool = False
    """A rejection says why (followup.act.verdict): the reply thanks for the explanation and asks for
    no feedback."""
    closed: bool = False
    """The post was filled, closed or not to be filled (or there was none) before the application was
    weighed: the reply thanks for getting back, not for a review, and asks for no feedback."""
    no_opening: bool = False
    """There was no post (an unsolicited application answered): the reply names none."""
    resend: bool = False
    """The mail invites the candidate to send the application again later."""
    cancelled: bool = False
    """Nobody gets the post (followup.act.verdict): the reply asks for no feedback on a selection."""
    exercise: str = ""
    """The exercise the candidate did beyond interviews ('trial_shift', 'assessment_centre', 'case',
    'task', 'test', …; followup.act.verdict.exercise): the reply thanks for it and names it."""
    feedback_offered: bool = False
    """The mail offers feedback: the reply takes the offer up instead of asking."""


_SLOT_LINE = re.compile(r"^[ \t]*(?:[-–•*·]|\d[.)])[ \t]*(?P<slot>[^\n]{6,80}\d[^\n]{0,40})$", re.M)
_SLOT_TIME = re.compile(r"\d{1,2}[:h.]\d\d|\d\s?(?:am|pm|uhr|h)\b", re.I)
_INDENTED_SLOT = re.compile(r"^[ \t]{2,}(?P<slot>\S[^\n]{5,60})$", re.M)
_DATED_SLOT = re.compile(rf"(?:{_WEEKDAY}|{_DATE_WORD})", re.I)
"""An indented line that starts with its day: "  Mon Sep 14, 9:00-9:45 AM ET"."""


_LABEL_WORD = (
    r"(?:Date|Time|When|Where|Location|Address|Position|Role|Duration|Format|Datum|Uhrzeit|Zeit|Ort|Dauer|Adresse"
    r"|Heure|Lieu|Durée|Poste|Fecha|Hora|Lugar|Duración|Dirección|Puesto)\b"
)
"""A booking's field labels: never a family name ("Interviewer: Kevin Dunmore⏎Date: …")."""


_MEET = re.compile(
    r"(?:meet(?:ing)? with|speak(?:ing)? with|interview with|talk with|chat with|Gesprächspartner(?:in)?:|sprechen mit|treffen"
    r"|rencontrer|avec|con|entrevista con|reunirte con|reunirá con"
    # whom to see on the day: "Ask for: Denise Carter", "from your interviewer, Siobhan Kerr"
    r"|[Aa]sk for|[Ff]ragen Sie nach|demandez|pregunte por|preguntar por|(?:your|the) interviewer(?: will be| is)?,?"
    r"|(?:Ihr(?:e)? )?Gesprächspartner(?:in)? (?:ist|wird)|votre (?:interlocut(?:eur|rice)|recruteur|recruteuse) sera"
    # a booking's own line: "With: Ray Dominguez, Operations Manager", "Interviewer: …", "Entrevistador: …"
    r"|(?m:^[ \t]*)(?:With|Interviewers?|Ask for|Mit|Ansprechpartner(?:in)?(?: vor Ort)?|Avec|Con|Entrevistador(?:a)?"
    r"|Interlocut(?:eur|rice)|Preguntar por)[ \t]*:)"
    r"\s+(?:(?:Herrn?|Frau|Mme|M\.|Mr\.?|Ms\.?|Sr\.?|Sra\.?|Dr\.|Dra\.|Prof\.)\s+){0,3}"
    # a name's words, wrapped at most once ("con Íñigo⏎Salas"), none a label: "Kevin Dunmore" over
    # "Date: …" is no "Kevin Dunmore⏎Date"
    rf"(?P<name>[A-ZÀ-Þ][\w'’-]+(?:(?:[ \t]+|[ \t]*\n[ \t]*)(?!{_LABEL_WORD})[A-ZÀ-Þ][\w'’-]+(?![\w'’-]|[ \t]*:)){{1,2}})"
)


_CHOICE = re.compile(
    # a numeric date's dots ("Dienstag, 10.03. um 9 Uhr oder Donnerstag, 12.03.") end no sentence
    rf"\b{_DATE_WORD}(?:[^.!?\n]|(?<=\d)\.){{0,60}}?\s(?:or|ou|oder|o)\s+(?:on |le |el |am |the )?{_DATE_WORD}"
    r"|\b(?:one|any) of these (?:times|slots|dates)|\bwhich (?:of these|time|day|slot) (?:works|suits)|\bwhat works (?:best )?for you"
    r"|\b(?:te viene|vous convient|ihnen passt) (?:mejor|le mieux|besser)|\bwelcher (?:termin|tag)|\bquel (?:jour|créneau)"
    r"|\bfolgende (?:termine|zeiten)|\bihren wunschtermin|\bles créneaux suivants|\blos siguientes horarios",
    re.I,
)


_ALTERNATIVELY = re.compile(
    r"\b(?:alternativ(?:e|ely)?|alternatively|otherwise|or else|ansonsten|sonst|sinon|[àa] d[ée]faut|en alternative"
    r"|si no|de lo contrario|como alternativa|o bien|oder aber|ou bien)\b",
    re.I,
)
"""A second offer after the first: "Alternativ passt mir auch …", "Otherwise Friday …"."""


def offers_a_choice(text: str) -> bool:
    """Whether the mail offers dates or times to choose from ("Tuesday at 10 or Wednesday at 2")."""
    return bool(_CHOICE.search(" ".join(text.split())))


def _options(text: str) -> int:
    """How many distinct dates or times the mail writes that are no deadline: a choice needs two
    ("which day works for you?" alone offers none)."""
    counts = []
    for pattern in (re.compile(rf"\b{_DATE_WORD}", re.I), re.compile(_CLOCK, re.I)):
        found = {
            " ".join(m.group().lower().split()).rstrip(".")
            for m in pattern.finditer(text)
            if not is_deadline(text, m.start(), m.end())
            and not _DAY_RANGE.search(_sentence_of(text, m.start(), m.end()))
        }
        counts.append(len(found))
    return max(counts)


def _tied(text: str, subject: str, match: re.Match[str], sentence: str) -> bool:
    """Whether the date and time *match* found are the interview's (see _ABOUT_THE_INTERVIEW)."""
    if _ABOUT_THE_INTERVIEW.search(sentence):
        return True
    line_start = text.rfind("\n", 0, match.start()) + 1
    if not re.fullmatch(r"[ \t]*(?:[\w /-]{1,20}:[ \t]*)?", text[line_start : match.start()]):
        return False  # the date sits inside a sentence that speaks of something else
    before = [line for line in text[max(0, line_start - 300) : line_start].splitlines() if line.strip()][-2:]
    return bool(_ABOUT_THE_INTERVIEW.search(" ".join((subject, *before))))


_MONTH = (
    r"(?:jan|feb|m[äa]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz]|janv|f[ée]v|avr|juil|ao[ûu]|d[ée]c|ene|abr|ago|dic"
    r"|juin|mars)"
)
_CONNECTOR = re.compile(r"(?:at|on|the|of|um|am|à|le|a|las|la|el|de|del|\d{1,2}(?:st|nd|rd|th|\.)?|\d{4}|,|-|–)", re.I)


def written_time(phrase: str) -> str:
    """*phrase* (a date and a time as the mail writes them) when a reply can name it as it is:
    short, and nothing in it but the date, the time and the words that join them ("Tuesday at
    10am", "Montag, 9. März um 14 Uhr"); else ''."""
    phrase = " ".join(phrase.split()).strip(" ,")
    if phrase.endswith(".") and not re.search(r"\b[ap]\.m\.$", phrase, re.I):
        phrase = phrase[:-1].rstrip(" ,")  # the sentence's full stop, not an abbreviation's
    if len(phrase) > 40:
        return ""
    rest = re.sub(_CLOCK, " ", re.sub(_DATE_WORD, " ", phrase, flags=re.I), flags=re.I)
    rest = re.sub(rf"\b{_MONTH}\w*\.?", " ", rest, flags=re.I).replace(",", " , ")
    return phrase if all(_CONNECTOR.fullmatch(word) for word in rest.split()) else ""


def _fixed(text: str, subject: str = "") -> tuple[bool, str, str]:
    """Whether the mail sets a date with a time that is not a deadline ("reply by Friday 5 PM");
    when it offers a choice of them instead, no fixed time but the first option, as written, if
    it reads cleanly ("Tue 6/2 at 10am"). Third: the fixed date and time as written, when a
    reply can name them (written_time)."""
    times = [
        (m, _sentence_of(text, m.start(), m.end()))
        for m in _FIXED.finditer(text)
        if not _DEADLINE.search(text[max(0, m.start() - 40) : m.start()]) and not is_deadline(text, m.start(), m.end())
    ]
    times = [(m, sentence) for m, sentence in times if not _DAY_RANGE.search(sentence)]
    if not times:
        return False, "", ""
    # Two dated times offered one after the other ("Freitag, 29.05., um 10:30 Uhr? Alternativ passt mir auch
    # Montag, 01.06., 15 Uhr"): a choice, like "10:00 or 14:00", the reply names the first.
    days = {re.match(rf"\b{_DATE_WORD}", m.group(), re.I) for m, _ in times}
    alternatives = len({d.group().casefold() for d in days if d}) >= 2 and _ALTERNATIVELY.search(text)
    if offers_a_choice(text) or alternatives:
        first = " ".join(times[0][0].group().split())
        return False, first if len(first) <= 40 and not re.search(r"[()\[\]]|^\W", first) else "", ""
    # A date and a time tie to the interview in their sentence: office hours, a start date, a
    # deadline's clock are no time the interview was set for.
    tied = [m.group() for m, sentence in times if _tied(text, subject, m, sentence)]
    written = {written_time(phrase) for phrase in tied}
    starts = {  # the clock times the mail writes, a range's end aside ("15:00 - 16:00")
        " ".join(m.group().lower().split())
        for m in re.finditer(_CLOCK, text, re.I)
        if not re.search(r"[-–]\s*$|\b(?:to|bis|until|till)\s*$", text[max(0, m.start() - 7) : m.start()])
    }
    if len(starts) > 1:  # an itinerary ("8:30 AM ... seminar at 11:00 AM"): one time named would misstate it
        written = set()
    return bool(tied), "", written.pop() if len(written) == 1 else ""


def situation(
    mail: Mail,
    facts_interview: datetime | None,
    scheduling: tuple[str, ...],
    not_these: tuple[str, ...] = (),
    agency: bool = False,
    platforms: Platforms = NO_PLATFORMS,
) -> Situation:
    """What the reply answers. *agency*: the sender writes for a recruitment agency (its name or
    signature says so); the mail's words for a client say it too. *platforms*: the rules' [lists]
    (a link to a one-way video service makes the interview one)."""
    text = mail.text
    flat = " ".join(_QUOTE_MARK.sub("", text).split())
    met_by = next(
        (m for m in _MEET.finditer(text) if person_confidence(" ".join(m.group("name").split()), not_these) >= 0.9),
        None,
    )
    interviewer = " ".join(met_by.group("name").split()) if met_by else ""  # a name over a line break is one
    slots = () if facts_interview else tuple(m.group("slot").strip() for m in _SLOT_LINE.finditer(text))[:5]
    slots = tuple(s for s in slots if _SLOT_TIME.search(s))
    if not slots and not facts_interview:  # a list set off by its indent only, each line a date and a time
        slots = tuple(
            s
            for m in _INDENTED_SLOT.finditer(text)
            if _DATED_SLOT.match(s := m.group("slot").strip()) and _SLOT_TIME.search(s)
        )[:5]
    one_way = _is_one_way(mail, flat, platforms)
    slots = slots if len(slots) >= 2 else ()
    fixed, option, written = (
        (facts_interview is not None, "", "") if facts_interview or slots else _fixed(text, mail.subject)
    )
    # Asked to pick a time through a link: the scheduling link found, or a link when no slots are listed.
    self_schedule = not one_way and bool(scheduling or (mail.links and not slots)) and asks_to_book(text, scheduling)
    met = not one_way and interviewed(text)
    decision = verdict(text, met)
    if met and decision.exercise and _only_time_thanked(text):
        # "thank you again for the time you gave us" after a work sample: the sample's time, not a meeting
        met = False
        decision = verdict(text, met)
    return Situation(
        interviewed=met,
        self_schedule=self_schedule,
        one_way=one_way,
        slots=slots or ((option,) if option and not one_way else ()),
        interviewer=interviewer,
        booked=not one_way and bool(_BOOKED.search(f"{mail.subject}\n{flat}")),
        fixed=not one_way and not self_schedule and fixed,
        written_time=written if fixed and not (one_way or self_schedule or facts_interview) else "",
        choice=not (one_way or self_schedule or facts_interview)
        and not fixed
        and offers_a_choice(text)
        and bool(slots or _options(text) >= 2),
        agency=agency or bool(agency_words(flat)),
        no_feedback=bool(_NO_FEEDBACK.search(flat)),
        feedback=bool(_FEEDBACK.search(flat)) and not _NO_FEEDBACK.search(flat),
        no_interview=one_way or no_interview(text),
        reason=decision.reason,
        closed=decision.closed,
        no_opening=decision.no_opening,
        resend=decision.resend,
        exercise=decision.exercise,
        feedback_offered=decision.feedback_offered,
        cancelled=decision.cancelled,
        familiar=familiar(text, mail.history, str(mail.sender) if mail.sender else ""),
        asked_to_prepare=asked_to_prepare(flat),
    )
