-- A state file written by followup 0.1.0 (main at 71b6749, user_version 0), dumped with
-- sqlite3.Connection.iterdump(); tests/test_ledger.py loads it and opens it with the current Ledger.
BEGIN TRANSACTION;
CREATE TABLE account_state (
    account TEXT PRIMARY KEY, connected INTEGER NOT NULL, changed_at TEXT NOT NULL,
    last_sync TEXT, last_error TEXT, last_error_at TEXT,
    idle_notices INTEGER NOT NULL DEFAULT 0, poll_notices INTEGER NOT NULL DEFAULT 0,
    notice_via TEXT, notice_delay REAL  -- how the latest new mail was noticed, how long after it arrived
, failed INTEGER NOT NULL DEFAULT 0);
INSERT INTO "account_state" VALUES('main',1,'2026-11-23T04:00:00+00:00','2026-11-23T07:00:00+00:00',NULL,NULL,1,1,'poll',41.0,0);
INSERT INTO "account_state" VALUES('work',0,'2026-11-23T07:00:00+00:00',NULL,'connection refused','2026-11-23T07:00:00+00:00',0,0,NULL,NULL,0);
INSERT INTO "account_state" VALUES('other',1,'2026-11-23T07:00:00+00:00',NULL,NULL,NULL,0,0,NULL,NULL,1);
CREATE TABLE applications (
    id INTEGER PRIMARY KEY, account TEXT NOT NULL, company TEXT NOT NULL, role TEXT NOT NULL,
    status TEXT NOT NULL,           -- contacted | applied | assessment | interviewing | rejected | offer | withdrawn
    first_seen TEXT NOT NULL, last_update TEXT NOT NULL,
    company_key TEXT NOT NULL DEFAULT '', role_key TEXT NOT NULL DEFAULT ''  -- the names folded, for matching
);
INSERT INTO "applications" VALUES(1,'main','Acme','Backend Engineer','interviewing','2026-11-23T05:00:00+00:00','2026-11-23T05:00:00+00:00','acme','backendengineer');
INSERT INTO "applications" VALUES(2,'main','Globex','','rejected','2026-11-23T05:00:00+00:00','2026-11-23T05:00:00+00:00','globex','');
INSERT INTO "applications" VALUES(3,'work','Initech','SRE','offer','2026-11-23T06:00:00+00:00','2026-11-23T06:00:00+00:00','initech','sre');
CREATE TABLE cursors (
    account TEXT NOT NULL, folder TEXT NOT NULL,
    uidvalidity INTEGER NOT NULL, last_uid INTEGER NOT NULL,
    PRIMARY KEY (account, folder)
);
INSERT INTO "cursors" VALUES('main','INBOX',4242,5);
INSERT INTO "cursors" VALUES('work','Jobs',7,12);
INSERT INTO "cursors" VALUES('work','Archive',99,0);
CREATE TABLE drafts (
    key TEXT PRIMARY KEY, account TEXT NOT NULL, source_key TEXT NOT NULL, template TEXT NOT NULL,
    message_id TEXT NOT NULL, recipient TEXT, subject TEXT, raw BLOB NOT NULL,
    status TEXT NOT NULL,           -- pending | appending | appended | cancelled
    folder TEXT, folder_uidvalidity INTEGER, uidnext_before INTEGER, uid INTEGER,
    created_at TEXT NOT NULL, appended_at TEXT,
    not_before TEXT                 -- a later step's draft: appended when the step fires
);
INSERT INTO "drafts" VALUES('main|<m2@acme.example>|interview_reply','main','<m2@acme.example>','interview_reply','<main|<m2@acme.example>|interview_reply@mail.invalid>','jane@acme.example','Re: Interview with Acme',X'546F3A206A616E654061636D652E6578616D706C650D0A5375626A6563743A2052653A20496E7465727669657720776974682041636D650D0A4D6573736167652D49443A203C6D61696E7C3C6D324061636D652E6578616D706C653E7C696E746572766965775F7265706C79406D61696C2E696E76616C69643E0D0A0D0A48656C6C6F20C3A90D0A','appended','Drafts',11,40,40,'2026-11-23T05:00:00+00:00','2026-11-23T06:00:00+00:00',NULL);
INSERT INTO "drafts" VALUES('main|<m2@acme.example>|thank_you','main','<m2@acme.example>','thank_you','<main|<m2@acme.example>|thank_you@mail.invalid>','jane@acme.example','Thank you',X'546F3A206A616E654061636D652E6578616D706C650D0A5375626A6563743A205468616E6B20796F750D0A4D6573736167652D49443A203C6D61696E7C3C6D324061636D652E6578616D706C653E7C7468616E6B5F796F75406D61696C2E696E76616C69643E0D0A0D0A48656C6C6F20C3A90D0A','pending',NULL,NULL,NULL,NULL,'2026-11-23T05:00:00+00:00',NULL,'2026-11-26T08:00:00+00:00');
INSERT INTO "drafts" VALUES('main|<m3@globex.example>|rejection_reply','main','<m3@globex.example>','rejection_reply','<main|<m3@globex.example>|rejection_reply@mail.invalid>','hr@globex.example','Re: Your application',X'546F3A20687240676C6F6265782E6578616D706C650D0A5375626A6563743A2052653A20596F7572206170706C69636174696F6E0D0A4D6573736167652D49443A203C6D61696E7C3C6D3340676C6F6265782E6578616D706C653E7C72656A656374696F6E5F7265706C79406D61696C2E696E76616C69643E0D0A0D0A48656C6C6F20C3A90D0A','appending','Drafts',11,41,NULL,'2026-11-23T05:00:00+00:00',NULL,NULL);
CREATE TABLE events (
    application_id INTEGER NOT NULL, source_key TEXT NOT NULL, category TEXT NOT NULL, at TEXT NOT NULL,
    subject TEXT, interview_at TEXT,
    PRIMARY KEY (application_id, source_key)
);
INSERT INTO "events" VALUES(1,'<m1@acme.example>','application_received','2026-11-21T06:00:00+00:00','Thank you for applying to Acme',NULL);
INSERT INTO "events" VALUES(1,'<m2@acme.example>','interview_invitation','2026-11-22T02:00:00+00:00','Interview with Acme','2026-11-25T14:00:00+00:00');
INSERT INTO "events" VALUES(2,'<m3@globex.example>','rejection','2026-11-22T12:00:00+00:00','Your application to Globex',NULL);
INSERT INTO "events" VALUES(3,'<w12@initech.example>','offer','2026-11-23T03:00:00+00:00','Offer from Initech',NULL);
CREATE TABLE messages (
    account TEXT NOT NULL, folder TEXT NOT NULL, uidvalidity INTEGER NOT NULL, uid INTEGER NOT NULL,
    source_key TEXT, subject TEXT, sender TEXT,
    category TEXT, rule TEXT, evidence TEXT, actions TEXT,
    status TEXT NOT NULL,           -- done | quarantined
    error TEXT, processed_at TEXT NOT NULL,
    PRIMARY KEY (account, folder, uidvalidity, uid)
);
INSERT INTO "messages" VALUES('main','INBOX',4242,1,'<m1@acme.example>','Thank you for applying to Acme','Acme Careers <jobs@acme.example>','application_received','acme-received','[["subject", "interview", "Interview"]]','reminder:nudge','done',NULL,'2026-11-23T05:00:00+00:00');
INSERT INTO "messages" VALUES('main','INBOX',4242,2,'<m2@acme.example>','Interview with Acme','Jane Roe <jane@acme.example>','interview_invitation','invite','[["subject", "interview", "Interview"], ["body", "\\bschedule\\b", "schedule"]]','draft:interview_reply reminder:prepare reminder:thank_you','done',NULL,'2026-11-23T05:00:00+00:00');
INSERT INTO "messages" VALUES('main','INBOX',4242,3,'<m3@globex.example>','Your application to Globex','Globex <no-reply@globex.example>','rejection','reject','[]','draft:rejection_reply','done',NULL,'2026-11-23T05:00:00+00:00');
INSERT INTO "messages" VALUES('main','INBOX',4242,4,'<m4@x.example>','Hmm','Someone <s@x.example>','needs_review',NULL,'[]','','done',NULL,'2026-11-23T05:00:00+00:00');
INSERT INTO "messages" VALUES('main','INBOX',4242,5,'',NULL,NULL,NULL,NULL,NULL,'','quarantined','unparseable: broken MIME','2026-11-23T05:00:00+00:00');
INSERT INTO "messages" VALUES('work','Jobs',7,12,'<w12@initech.example>','Offer from Initech','Bill <bill@initech.example>','offer','offer','[]','','done',NULL,'2026-11-23T06:00:00+00:00');
CREATE TABLE reminders (
    key TEXT PRIMARY KEY, account TEXT NOT NULL, source_key TEXT NOT NULL, kind TEXT NOT NULL,
    due_at TEXT NOT NULL, message_id TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL,
    in_reply_to TEXT, refs TEXT,
    status TEXT NOT NULL,           -- pending | sending | sent | cancelled | failed
    sent_at TEXT,
    draft_key TEXT, cancel_if_replied INTEGER NOT NULL DEFAULT 0, since TEXT,
    note TEXT,                      -- why it was cancelled, snoozed or failed
    attempts INTEGER NOT NULL DEFAULT 0, retry_at TEXT  -- failed deliveries, and when to try again
);
INSERT INTO "reminders" VALUES('main|<m1@acme.example>|nudge','main','<m1@acme.example>','nudge','2026-11-30T08:00:00+00:00','<main|<m1@acme.example>|nudge@followup.invalid>','Nudge Acme','Body of Nudge Acme
','<src-main|<m1@acme.example>|nudge@acme.example>','<src-main|<m1@acme.example>|nudge@acme.example>','cancelled',NULL,NULL,0,NULL,'stopped: interview invitation on 22 Nov',0,NULL);
INSERT INTO "reminders" VALUES('main|<m2@acme.example>|prepare','main','<m2@acme.example>','prepare','2026-11-25T08:00:00+00:00','<main|<m2@acme.example>|prepare@followup.invalid>','Prepare for Acme','Body of Prepare for Acme
','<src-main|<m2@acme.example>|prepare@acme.example>','<src-main|<m2@acme.example>|prepare@acme.example>','pending',NULL,NULL,0,NULL,'SMTP 451 try later',1,'2026-11-25T09:00:00+00:00');
INSERT INTO "reminders" VALUES('main|<m2@acme.example>|thank_you','main','<m2@acme.example>','thank_you','2026-11-26T08:00:00+00:00','<main|<m2@acme.example>|thank_you@followup.invalid>','Thank Acme','Body of Thank Acme
','<src-main|<m2@acme.example>|thank_you@acme.example>','<src-main|<m2@acme.example>|thank_you@acme.example>','pending',NULL,'main|<m2@acme.example>|thank_you',1,'2026-11-23T08:00:00+00:00',NULL,0,NULL);
INSERT INTO "reminders" VALUES('main|<m3@globex.example>|reflect','main','<m3@globex.example>','reflect','2026-11-23T07:00:00+00:00','<main|<m3@globex.example>|reflect@followup.invalid>','Reflect on Globex','Body of Reflect on Globex
','<src-main|<m3@globex.example>|reflect@acme.example>','<src-main|<m3@globex.example>|reflect@acme.example>','sent','2026-11-23T08:00:00+00:00',NULL,0,NULL,NULL,0,NULL);
INSERT INTO "reminders" VALUES('main|<m3@globex.example>|old','main','<m3@globex.example>','nudge','2026-11-23T06:00:00+00:00','<main|<m3@globex.example>|old@followup.invalid>','Old nudge','Body of Old nudge
','<src-main|<m3@globex.example>|old@acme.example>','<src-main|<m3@globex.example>|old@acme.example>','sending',NULL,NULL,0,NULL,NULL,0,NULL);
INSERT INTO "reminders" VALUES('main|<m3@globex.example>|cancel','main','<m3@globex.example>','nudge','2026-12-02T08:00:00+00:00','<main|<m3@globex.example>|cancel@followup.invalid>','To cancel','Body of To cancel
','<src-main|<m3@globex.example>|cancel@acme.example>','<src-main|<m3@globex.example>|cancel@acme.example>','cancelled',NULL,NULL,0,NULL,'cancelled by you',0,NULL);
INSERT INTO "reminders" VALUES('main|<m3@globex.example>|snooze','main','<m3@globex.example>','nudge','2026-11-29T08:00:00+00:00','<main|<m3@globex.example>|snooze@followup.invalid>','To snooze','Body of To snooze
','<src-main|<m3@globex.example>|snooze@acme.example>','<src-main|<m3@globex.example>|snooze@acme.example>','pending',NULL,NULL,0,NULL,'snoozed 2d',0,NULL);
INSERT INTO "reminders" VALUES('work|digest|2026-W48','work','digest-2026-W48','digest','2026-11-28T08:00:00+00:00','<work|digest|2026-W48@followup.invalid>','Your week','Body of Your week
','<src-work|digest|2026-W48@acme.example>','<src-work|digest|2026-W48@acme.example>','pending',NULL,NULL,0,NULL,NULL,0,NULL);
INSERT INTO "reminders" VALUES('work|<w12@initech.example>|nudge','work','<w12@initech.example>','nudge','2026-11-22T08:00:00+00:00','<work|<w12@initech.example>|nudge@followup.invalid>','Given up','Body of Given up
','<src-work|<w12@initech.example>|nudge@acme.example>','<src-work|<w12@initech.example>|nudge@acme.example>','failed',NULL,NULL,0,NULL,'550 mailbox unavailable',1,NULL);
CREATE INDEX reminders_due ON reminders (status, due_at);
CREATE INDEX events_source ON events (source_key);
CREATE INDEX messages_source ON messages (source_key);
CREATE INDEX drafts_message_id ON drafts (message_id);
CREATE INDEX applications_company ON applications (account, company_key);
COMMIT;
