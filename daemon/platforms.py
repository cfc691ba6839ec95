"""The one home of the platforms that send mail on an employer's behalf: applicant-tracking
systems, job boards, scheduling and video-interview services, public-sector job sites; and of
the mail providers anyone can have an address at. Neither is ever the hiring company. Pure.
"""

from __future__ import annotations

import re
from functools import cache

PLATFORMS = {
    "greenhouse.io": "Greenhouse", "greenhouse-mail.io": "Greenhouse", "lever.co": "Lever",
    "myworkday.com": "Workday", "workday.com": "Workday", "myworkdayjobs.com": "Workday", "ashbyhq.com": "Ashby",
    "smartrecruiters.com": "SmartRecruiters", "smartrecruiters.net": "SmartRecruiters", "icims.com": "iCIMS",
    "taleo.net": "Taleo", "oraclecloud.com": "Oracle Recruiting", "workablemail.com": "Workable",
    "workable.com": "Workable", "bamboohr.com": "BambooHR", "teamtailor.com": "Teamtailor",
    "teamtailor-mail.com": "Teamtailor", "personio.de": "Personio", "personio.com": "Personio",
    "linkedin.com": "LinkedIn", "indeed.com": "Indeed", "indeedemail.com": "Indeed", "jobvite.com": "Jobvite",
    "jobvite-mail.com": "Jobvite", "recruitee.com": "Recruitee", "recruiteemail.com": "Recruitee",
    "jazzhr.com": "JazzHR", "applytojob.com": "JazzHR", "jazz.co": "JazzHR", "governmentjobs.com": "NEOGOV",
    "neogov.com": "NEOGOV", "neogov.net": "NEOGOV", "schooljobs.com": "NEOGOV", "hirevue.com": "HireVue",
    "hirevue-mail.com": "HireVue", "successfactors.com": "SuccessFactors", "successfactors.eu": "SuccessFactors",
    "sapsf.com": "SuccessFactors", "sapsf.eu": "SuccessFactors", "breezy.hr": "Breezy", "breezyhr.com": "Breezy",
    "ziprecruiter.com": "ZipRecruiter", "glassdoor.com": "Glassdoor", "monster.com": "Monster",
    "stepstone.de": "StepStone", "stepstone.com": "StepStone", "xing.com": "XING", "xing.de": "XING",
    "welcometothejungle.com": "Welcome to the Jungle", "infojobs.net": "InfoJobs", "ultipro.com": "UKG",
    "ukg.com": "UKG", "paylocity.com": "Paylocity", "dayforcehcm.com": "Dayforce", "csod.com": "Cornerstone",
    "avature.net": "Avature", "phenompeople.com": "Phenom", "eightfold.ai": "Eightfold", "pinpointhq.com": "Pinpoint",
    "rippling.com": "Rippling", "join.com": "JOIN", "zohorecruit.com": "Zoho Recruit", "freshteam.com": "Freshteam",
    "comeet.co": "Comeet", "gem.com": "Gem", "beamery.com": "Beamery", "softgarden.de": "softgarden",
    "softgarden.io": "softgarden", "dvinci.de": "d.vinci", "rexx-systems.com": "rexx", "concludis.de": "concludis",
    "umantis.com": "Umantis", "welcomekit.co": "Welcome Kit", "flatchr.io": "Flatchr", "taleez.com": "Taleez",
    "digitalrecruiters.com": "Digital Recruiters", "factorialhr.com": "Factorial", "bizneo.com": "Bizneo",
    "calendly.com": "Calendly", "goodtime.io": "GoodTime", "modernhire.com": "Modern Hire",
    "sparkhire.com": "Spark Hire", "paradox.ai": "Paradox", "myinterview.com": "myInterview",
    "willo.video": "Willo", "vidcruiter.com": "VidCruiter", "hackerrank.com": "HackerRank",
    "codility.com": "Codility", "testgorilla.com": "TestGorilla", "recruiterbox.com": "Recruiterbox",
    "homerun.co": "Homerun", "manatal.com": "Manatal", "jobs2web.com": "SuccessFactors", "adp.com": "ADP",
    "hire.trakstar.com": "Trakstar", "applicantpro.com": "ApplicantPro", "hiringthing.com": "HiringThing",
    "clearcompany.com": "ClearCompany", "snagajob.com": "Snagajob", "handshake.com": "Handshake",
    "joinhandshake.com": "Handshake", "wellfound.com": "Wellfound", "angel.co": "Wellfound",
    "computrabajo.com": "Computrabajo", "occ.com.mx": "OCC Mundial", "bumeran.com": "Bumeran",
    "bumeran.com.ar": "Bumeran", "laborum.cl": "Laborum", "hiringroom.com": "HiringRoom", "zonajobs.com.ar": "ZonaJobs",
    "multitrabajos.com": "Multitrabajos", "jobteaser.com": "JobTeaser", "apec.fr": "Apec", "francetravail.fr": "France Travail",
    "pole-emploi.fr": "France Travail", "hellowork.com": "HelloWork", "meteojob.com": "Meteojob", "cadremploi.fr": "Cadremploi",
    "talent.com": "Talent.com", "jobrapido.com": "Jobrapido", "arbeitsagentur.de": "Bundesagentur für Arbeit",
    "indeed.de": "Indeed", "indeed.fr": "Indeed", "indeed.es": "Indeed", "indeed.co.uk": "Indeed", "indeed.com.mx": "Indeed",
    "jobs.ch": "jobs.ch", "karriere.at": "karriere.at", "monster.de": "Monster", "monster.fr": "Monster",
    "totaljobs.com": "Totaljobs", "reed.co.uk": "Reed", "seek.com.au": "SEEK", "naukri.com": "Naukri",
}  # fmt: skip
"""Domain (and every subdomain of it) -> the platform's name."""

JOB_BOARDS = frozenset(("Indeed", "LinkedIn", "ZipRecruiter", "Glassdoor", "Monster", "StepStone", "XING", "InfoJobs",
                        "Welcome to the Jungle", "Snagajob", "Handshake", "Wellfound", "Computrabajo", "OCC Mundial",
                        "Bumeran", "Laborum", "ZonaJobs", "Multitrabajos", "JobTeaser", "Apec", "France Travail",
                        "HelloWork", "Meteojob", "Cadremploi", "Talent.com", "Jobrapido", "Totaljobs", "Reed", "SEEK",
                        "Naukri", "jobs.ch", "karriere.at"))  # fmt: skip
"""Platforms whose pages list everyone's jobs: a link there is no employer's careers page."""

MAIL_PROVIDERS = frozenset(
    (
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "yahoo.de",
        "yahoo.fr", "yahoo.es", "icloud.com", "me.com", "aol.com", "gmx.de", "gmx.net", "gmx.com", "web.de",
        "t-online.de", "posteo.de", "mailbox.org", "proton.me", "protonmail.com", "orange.fr", "free.fr",
        "laposte.net", "wanadoo.fr", "sfr.fr", "telefonica.net", "hotmail.es", "hotmail.fr", "hotmail.de",
        "fastmail.com", "zoho.com", "yandex.com",
    )
)  # fmt: skip
"""Addresses there belong to a person, not to a company the domain could name."""

_NO_REPLY = re.compile(
    r"(?:^|[._+-])(?:no[._-]?reply|do[._-]?not[._-]?reply|donotreply|notifications?|notify|mailer-daemon|bounces?"
    r"|notificaci[oó]n(?:es)?|notificacoes|benachrichtigung(?:en)?|avisos?|alertas?|postmaster|system|automated|alerts?|ne[._-]?pas[._-]?repondre|nepasrepondre|no[._-]?responder|keine[._-]?antwort)"
    r"(?:[._+-]|@)",
    re.I,
)


def is_no_reply(address: str) -> bool:
    return bool(_NO_REPLY.search(address))


def platform_of(address_or_host: str) -> str:
    """The platform whose domain (or a subdomain of it) *address_or_host* is at, or ''."""
    labels = address_or_host.rpartition("@")[2].lower().split(".")
    for start in range(len(labels) - 1):  # a lookup per parent domain, not a pass over every platform
        name = PLATFORMS.get(".".join(labels[start:]))
        if name is not None:
            return name
    return ""


@cache
def _extractor() -> object:
    import tldextract

    # The suffix list bundled with the package: never fetched, nothing cached on disk.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def registrable(host: str) -> tuple[str, str]:
    """(the registrable label, the labels in front of it) of a host: ('mueller-soehne', 'mail')
    for mail.mueller-soehne.co.uk. A host under no public suffix (example, test, internal
    names) counts its last label as the suffix."""
    host = host.lower().strip(".")
    parts = _extractor()(host)  # type: ignore[operator]
    if parts.suffix:
        return parts.domain, parts.subdomain
    labels = host.split(".")
    if len(labels) < 2:
        return "", ""
    return labels[-2], ".".join(labels[:-2])
