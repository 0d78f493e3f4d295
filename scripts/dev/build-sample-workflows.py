# Generates the sample workflows in workflows/ (run: python3 scripts/dev/build-sample-workflows.py).
# The JSON files are what ships; edit here and regenerate so that the five samples stay consistent.
import json, uuid, hashlib
import os
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'workflows') + os.sep
PKG = 'n8n-nodes-lead-qualification.'

def uid(seed):
    h = hashlib.sha1(seed.encode()).hexdigest()
    return f'{h[:8]}-{h[8:12]}-4{h[13:16]}-8{h[17:20]}-{h[20:32]}'

class WF:
    def __init__(self, wid, name):
        self.wid, self.name, self.nodes, self.conns = wid, name, [], {}
    def add(self, name, type_, version, pos, params, **extra):
        n = {'id': uid(self.wid + name), 'name': name, 'type': type_, 'typeVersion': version, 'position': list(pos), 'parameters': params}
        n.update(extra)
        self.nodes.append(n)
        return name
    def link(self, src, dst, out=0):
        outs = self.conns.setdefault(src, {'main': []})['main']
        while len(outs) <= out: outs.append([])
        outs[out].append({'node': dst, 'type': 'main', 'index': 0})
    def note(self, name, pos, w, h, content, color=None):
        p = {'width': w, 'height': h, 'content': content}
        if color: p['color'] = color
        self.add(name, 'n8n-nodes-base.stickyNote', 1, pos, p)
    def save(self, file):
        d = {'id': self.wid, 'name': self.name, 'active': False, 'settings': {'executionOrder': 'v1'}, 'nodes': self.nodes, 'connections': self.conns, 'pinData': {}, 'tags': []}
        json.dump(d, open(OUT + file, 'w'), indent='\t', ensure_ascii=False)
        open(OUT + file, 'a').write('\n')

def setnode(fields, include=True):
    a = []
    for i, (name, value, typ) in enumerate(fields):
        a.append({'id': uid(name + str(value))[:36], 'name': name, 'value': value, 'type': typ})
    p = {'mode': 'manual', 'assignments': {'assignments': a}, 'options': {}}
    p['includeOtherFields'] = include
    return p

def if_node(wf, name, pos, conditions, type_validation='strict'):
    """n8n's If node (v2.2) passing when all (id seed, left, right, operator) conditions hold"""
    return wf.add(name, 'n8n-nodes-base.if', 2.2, pos, {'conditions': {'options': {'caseSensitive': True, 'leftValue': '', 'typeValidation': type_validation, 'version': 2}, 'conditions': [{'id': uid(seed), 'leftValue': left, 'rightValue': right, 'operator': op} for seed, left, right, op in conditions], 'combinator': 'and'}, 'options': {}})

ENROLMENT_TABLE = 'nurture_enrolments'

def ensure_enrolment_table(wf, name, pos):
    return wf.add(name, 'n8n-nodes-base.dataTable', 1.1, pos, {'resource': 'table', 'operation': 'create', 'tableName': ENROLMENT_TABLE, 'columns': {'column': [{'name': 'email', 'type': 'string'}, {'name': 'resumeUrl', 'type': 'string'}]}, 'options': {'createIfNotExists': True}})

def table_ref():
    return {'__rl': True, 'mode': 'name', 'value': ENROLMENT_TABLE}

def intake(wf, name, path, pos, response='onReceived', source='auto'):
    return wf.add(name, PKG + 'leadIntakeTrigger', 2, pos, {'path': path, 'source': source, 'verification': 'none', 'responseMode': response, 'options': {}}, webhookId=uid(wf.wid + path))

TEAM = {'member': [
    {'name': 'Ana Lopez', 'email': 'ana@yourcompany.example', 'channelId': 'U0ANA000001', 'territories': 'EMEA', 'weight': 1, 'dailyCapacity': 25},
    {'name': 'Ben Okafor', 'email': 'ben@yourcompany.example', 'channelId': 'U0BEN000002', 'territories': 'NA, LATAM', 'weight': 1, 'dailyCapacity': 25},
    {'name': 'Cara Jensen', 'email': 'cara@yourcompany.example', 'channelId': 'U0CARA00003', 'territories': 'APAC, ANZ', 'weight': 1, 'dailyCapacity': 25},
]}
FALLBACK = 'sales-manager@yourcompany.example'

def router(wf, name, pos, **params):
    p = {'stageOutputs': ['sql', 'mql', 'lead', 'disqualified'], 'assignStages': ['sql', 'mql'], 'strategy': 'sticky', 'baseStrategy': 'territory', 'stickyBy': 'email', 'team': TEAM, 'fallbackOwner': FALLBACK, 'store': 'memory', 'options': {'sharedRotationId': 'inbound-sales'}}
    p.update(params)
    return wf.add(name, PKG + 'leadRouter', 1, pos, p)

def score(wf, name, pos, model='b2bSaas', options=None):
    return wf.add(name, PKG + 'leadScore', 1, pos, {'scoringModel': model, 'options': options or {}})

OWNER_ALERT_TEXT = "=New {{ $json.score.stage.toUpperCase() }} for {{ $json.routing.owner.name }}: {{ $json.lead.fullName || $json.lead.email }} ({{ $json.lead.company || 'no company' }}), score {{ $json.score.total }} / grade {{ $json.score.grade }}. Why: {{ $json.score.reasons.map(r => r.detail).join('; ') }}"

def slack_disabled(wf, name, pos, text):
    return wf.add(name, 'n8n-nodes-base.slack', 2.3, pos, {'select': 'user', 'user': {'__rl': True, 'mode': 'id', 'value': '={{ $json.routing.owner.channelId }}'}, 'text': text, 'otherOptions': {}}, disabled=True)

def gmail_disabled(wf, name, pos, to, subject, message):
    return wf.add(name, 'n8n-nodes-base.gmail', 2.1, pos, {'sendTo': to, 'subject': subject, 'emailType': 'text', 'message': message, 'options': {}}, disabled=True)

def hubspot_disabled(wf, name, pos, stage):
    return wf.add(name, 'n8n-nodes-base.hubspot', 2.1, pos, {'authentication': 'appToken', 'resource': 'contact', 'operation': 'upsert', 'email': '={{ $json.lead.email }}', 'additionalFields': {'lifeCycleStage': stage, 'firstName': '={{ $json.lead.firstName }}', 'lastName': '={{ $json.lead.lastName }}', 'companyName': '={{ $json.lead.company }}'}}, disabled=True)

def mailchimp_disabled(wf, name, pos, status='subscribed'):
    return wf.add(name, 'n8n-nodes-base.mailchimp', 1, pos, {'resource': 'member', 'operation': 'create', 'list': 'YOUR_AUDIENCE_ID', 'email': '={{ $json.lead.email }}', 'status': status, 'options': {}, 'mergeFieldsUi': {}}, disabled=True)

def stage_ends(wf, router_name, x, y0, nurture_label='Enter MQL Nurture (Local)', extra=None):
    """the four router outputs each end in a local step (enabled) and the real channel (disabled)"""
    sql = wf.add('Alert Owner (Local)', 'n8n-nodes-base.set', 3.4, (x, y0), setnode([
        ('nextStep', 'Alert the assigned owner', 'string'),
        ('alert', OWNER_ALERT_TEXT, 'string'),
        ('alertTo', '={{ $json.routing.owner.channelId || $json.routing.owner.email }}', 'string'),
    ]))
    wf.link(router_name, sql, 0)
    s2 = slack_disabled(wf, 'Alert Owner on Slack', (x + 240, y0), '={{ $json.alert }}')
    wf.link(sql, s2)
    mql = wf.add(nurture_label, 'n8n-nodes-base.set', 3.4, (x, y0 + 200), setnode([
        ('nextStep', 'Enter the MQL nurture sequence', 'string'),
        ('nurture', '={{ { sequence: "mql-nurture", owner: $json.routing.owner ? $json.routing.owner.email : null } }}', 'object'),
    ]))
    wf.link(router_name, mql, 1)
    h = hubspot_disabled(wf, 'Set MQL Stage in HubSpot', (x + 240, y0 + 200), 'marketingqualifiedlead')
    wf.link(mql, h)
    nl = wf.add('Add to Newsletter (Local)', 'n8n-nodes-base.set', 3.4, (x, y0 + 400), setnode([
        ('nextStep', 'Add to the newsletter list', 'string'),
    ]))
    wf.link(router_name, nl, 2)
    mc = mailchimp_disabled(wf, 'Add to Mailchimp Audience', (x + 240, y0 + 400))
    wf.link(nl, mc)
    dq = wf.add('Log and Stop (Local)', 'n8n-nodes-base.set', 3.4, (x, y0 + 600), setnode([
        ('nextStep', 'Log and stop', 'string'),
        ('disqualifiedBecause', "={{ ($json.score.flags || []).join(', ') }}", 'string'),
    ]))
    wf.link(router_name, dq, 3)

LOCAL_NOTE = "### Local defaults\nEvery step that needs an outside account (Slack, HubSpot, Mailchimp, Gmail) is here with n8n's own node, **disabled**. The enabled *(Local)* node before it prepares the same message, so you can run everything locally and see the result under **Executions**.\n\nTo go live: add your credential to the disabled node, enable it (select it and press **D**), and delete the local node's outgoing link if you no longer need it."

# 1. inbound -------------------------------------------------------------------------------
wf = WF('LqSampleInbound1', 'Inbound lead qualification')
t = intake(wf, 'Lead Intake Trigger', 'inbound-leads', (0, 300))
s = score(wf, 'Lead Score', (240, 300))
r = router(wf, 'Lead Router', (480, 300))
wf.link(t, s); wf.link(s, r)
stage_ends(wf, r, 760, 0)
wf.note('About', (-40, -320), 720, 300, "## Inbound lead qualification\nPoint every form (Typeform, Tally, Jotform, Webflow, Elementor, Gravity Forms, HubSpot, Calendly) at the **Lead Intake Trigger** URL. It recognises the sender, drops retried deliveries and outputs one `lead`.\n\n**Lead Score** (B2B SaaS preset) scores fit and engagement into a stage. **Lead Router** sends SQLs and MQLs to the owner of the lead's territory (EMEA / Americas / APAC) and keeps returning people with their earlier owner.\n\n**Change first:** the team in Lead Router (names, emails, Slack IDs), then *Verification* on the trigger (pick *Check Signature* and your form's credential).")
wf.note('Local Defaults', (760, -320), 520, 300, LOCAL_NOTE, 4)
wf.save('inbound-lead-qualification.json')

# 2. thank-you page -----------------------------------------------------------------------
wf = WF('LqSampleThankYou', 'Thank-you page follow-up')
t = intake(wf, 'Form Submission', 'thank-you-form', (0, 200), response='responseNode')
s = score(wf, 'Lead Score', (240, 200))
r = router(wf, 'Lead Router', (480, 200), assignStages=['sql'])
wf.link(t, s); wf.link(s, r)
PAGE = "https://www.yourcompany.example/thank-you/"
def tyq(page):
    return "={{ '" + PAGE + page + "?email=' + encodeURIComponent($json.lead.email || '') + '&stage=' + $json.score.stage" + (" + '&owner=' + encodeURIComponent($json.routing.owner ? $json.routing.owner.email : '')" if page == 'book-a-meeting' else '') + " }}"
pages = [('Book a Meeting Page', 'book-a-meeting', 0), ('Webinar Page', 'webinar', 1), ('Related Content Page', 'related-content', 2), ('Plain Thank-You Page', 'plain', 3)]
resp = wf.add('Redirect to Thank-You Page', 'n8n-nodes-base.respondToWebhook', 1, (1000, 200), {'respondWith': 'redirect', 'redirectURL': '={{ $json.thankYouUrl }}', 'options': {}})
for i, (name, page, out) in enumerate(pages):
    n = wf.add(name, 'n8n-nodes-base.set', 3.4, (740, i * 160), setnode([('thankYouPage', page, 'string'), ('thankYouUrl', tyq(page), 'string')]))
    wf.link(r, n, out); wf.link(n, resp)
# activity webhook
a = wf.add('Thank-You Page Activity', 'n8n-nodes-base.webhook', 2, (0, 800), {'httpMethod': 'POST', 'path': 'thank-you-activity', 'responseMode': 'onReceived', 'options': {}}, webhookId=uid('LqSampleThankYou-activity'))
ev = wf.add('Activity as Events', 'n8n-nodes-base.set', 3.4, (240, 800), setnode([
    ('lead', '={{ { email: $json.body.email } }}', 'object'),
    ('previousStage', '={{ $json.body.stage || "lead" }}', 'string'),
    ('thankYouPage', '={{ $json.body.page }}', 'string'),
    ('events', "={{ [{ type: 'thank_you_page_view', at: $now.toISO(), value: $json.body.page }].concat($json.body.clicked ? [{ type: ({ 'book-meeting': 'meeting_booked', 'webinar-signup': 'webinar_registered', 'case-study': 'case_study_view', 'download': 'content_download', 'pricing': 'pricing_page_view' })[$json.body.clicked] || 'page_view', at: $now.toISO(), value: $json.body.clicked }] : []) }}", 'array'),
], include=False))
wf.link(a, ev)
s2 = wf.add('Re-Score With Activity', PKG + 'leadScore', 1, (480, 800), {'scoringModel': 'b2bSaas', 'options': {}})
wf.link(ev, s2)
r2 = router(wf, 'Route Again', (720, 800), assignStages=['sql'])
wf.link(s2, r2)
al = wf.add('Alert Owner (Local)', 'n8n-nodes-base.set', 3.4, (980, 700), setnode([('nextStep', 'Alert the assigned owner', 'string'), ('alert', OWNER_ALERT_TEXT, 'string')]))
wf.link(r2, al, 0)
wf.link(al, slack_disabled(wf, 'Alert Owner on Slack', (1220, 700), '={{ $json.alert }}'))
FOLLOW = "={{ ({ 'book-a-meeting': 'Your meeting: what to prepare', 'webinar': 'Your webinar seat + the case study everyone asks for', 'related-content': 'Three guides picked for you', 'plain': 'Thanks for getting in touch' })[$json.thankYouPage] || 'Thanks for visiting' }}"
fu = wf.add('Follow-Up for That Page (Local)', 'n8n-nodes-base.set', 3.4, (980, 900), setnode([('nextStep', '=Send the follow-up made for the {{ $json.thankYouPage }} page', 'string'), ('followUpSubject', FOLLOW, 'string')]))
wf.link(r2, fu, 1); wf.link(r2, fu, 2)
wf.link(fu, gmail_disabled(wf, 'Send Follow-Up with Gmail', (1220, 900), '={{ $json.lead.email }}', '={{ $json.followUpSubject }}', 'Hi, thanks for visiting our page …'))
wf.note('About', (-40, -380), 760, 340, "## Thank-you page follow-up\n**Part 1 (top):** your website form posts to *Form Submission* (set the form's action to this URL). The lead is scored and the form is answered with a **redirect to the thank-you page for its stage**: SQL → book a meeting with the assigned owner, MQL → webinar, Lead → related content, Disqualified → a plain thank-you.\n\n**Part 2 (bottom):** the thank-you page posts what happened there to *Thank-You Page Activity*: `{\"email\", \"stage\", \"page\", \"clicked\"}` (`clicked`: `book-meeting`, `webinar-signup`, `case-study`, `download`, `pricing`). The lead is re-scored with that activity (stages only move forward); a new SQL alerts sales, everyone else gets the follow-up made for the page they saw.\n\n**Change first:** the thank-you URLs in the four page nodes, and the team.")
wf.note('Local Defaults', (780, -380), 480, 260, LOCAL_NOTE, 4)
wf.save('thank-you-page-follow-up.json')

# 3. nurture -------------------------------------------------------------------------------
wf = WF('LqSampleNurture1', 'MQL nurture sequence')
st = wf.add('Start Nurture', 'n8n-nodes-base.webhook', 2, (0, 300), {'httpMethod': 'POST', 'path': 'mql-nurture', 'responseMode': 'onReceived', 'options': {}}, webhookId=uid('LqSampleNurture1-start'))
cfg = wf.add('Sequence Settings', 'n8n-nodes-base.set', 3.4, (220, 300), setnode([
    ('lead', '={{ Object.assign({}, $json.body.lead, { events: ($json.body.lead && $json.body.lead.events) || [] }) }}', 'object'),
    ('score', '={{ $json.body.score || { stage: "mql" } }}', 'object'),
    ('stepWaitSeconds', '={{ $json.body.stepWaitSeconds || 259200 }}', 'number'),
], include=False))
wf.link(st, cfg)
ens = ensure_enrolment_table(wf, 'Ensure Enrolment Table', (440, 60))
wf.link(cfg, ens)
rem = wf.add('Remember Enrolment', 'n8n-nodes-base.dataTable', 1.1, (660, 60), {'resource': 'row', 'operation': 'insert', 'dataTableId': table_ref(), 'columns': {'mappingMode': 'defineBelow', 'value': {'email': "={{ $('Sequence Settings').item.json.lead.email }}", 'resumeUrl': '={{ $execution.resumeUrl }}'}, 'matchingColumns': [], 'schema': [{'id': 'email', 'displayName': 'email', 'required': False, 'defaultMatch': False, 'display': True, 'type': 'string', 'canBeUsedToMatch': True}, {'id': 'resumeUrl', 'displayName': 'resumeUrl', 'required': False, 'defaultMatch': False, 'display': True, 'type': 'string', 'canBeUsedToMatch': True}]}, 'options': {}})
wf.link(ens, rem)
EMAILS = [('The guide our best customers started with', 'guide'), ('How Acme cut lead response time by 80 %', 'case-study'), ('Want a 20-minute walkthrough?', 'demo')]
prev = cfg
x = 440
for i, (subject, topic) in enumerate(EMAILS, start=1):
    em = wf.add(f'Email {i} (Local)', 'n8n-nodes-base.set', 3.4, (x, 300), setnode([
        ('step', i, 'number'),
        ('emailSubject', subject, 'string'),
        ('trackedLink', "={{ $execution.resumeUrl + ($execution.resumeUrl.includes('?') ? '&' : '?') + 'event=email_click&topic=" + topic + "' }}", 'string'),
    ]))
    if prev: wf.link(prev, em)
    wf.link(em, gmail_disabled(wf, f'Send Email {i} with Gmail', (x, 500), '={{ $json.lead.email }}', '={{ $json.emailSubject }}', '=Hi {{ $json.lead.firstName || "there" }}, … read more: {{ $json.trackedLink }}'))
    w = wf.add(f'Wait for Engagement {i}', 'n8n-nodes-base.wait', 1.1, (x + 220, 300), {'resume': 'webhook', 'httpMethod': 'POST', 'limitWaitTime': True, 'limitType': 'afterTimeInterval', 'resumeAmount': '={{ $json.stepWaitSeconds }}', 'resumeUnit': 'seconds', 'options': {}}, webhookId=uid(f'LqSampleNurture1-wait{i}'))
    wf.link(em, w)
    add = wf.add(f'Add Engagement {i}', 'n8n-nodes-base.set', 3.4, (x + 440, 300), setnode([
        ('lead', f"={{{{ (() => {{ const before = $('Email {i} (Local)').item.json.lead; const happened = ($json.query && $json.query.event) || ($json.body && $json.body.event); return Object.assign({{}}, before, {{ events: before.events.concat(happened ? [{{ type: happened, at: $now.toISO() }}] : []) }}); }})() }}}}", 'object'),
        ('score', f"={{{{ $('Email {i} (Local)').item.json.score }}}}", 'object'),
        ('stepWaitSeconds', f"={{{{ $('Email {i} (Local)').item.json.stepWaitSeconds }}}}", 'number'),
        ('step', i, 'number'),
        ('engagement', "={{ ($json.query && $json.query.event) || ($json.body && $json.body.event) || 'none' }}", 'string'),
    ], include=False))
    wf.link(w, add)
    un = if_node(wf, f'Unsubscribed? {i}', (x + 660, 300), [(f'unsub{i}', '={{ $json.engagement }}', 'unsubscribe', {'type': 'string', 'operation': 'equals'})])
    wf.link(add, un)
    wf.link(un, 'Left: Unsubscribed (Local)', 0)
    rs = wf.add(f'Re-Score {i}', PKG + 'leadScore', 1, (x + 880, 300), {'scoringModel': 'b2bSaas', 'options': {}})
    wf.link(un, rs, 1)
    chk = if_node(wf, f'Became SQL? {i}', (x + 1100, 300), [(f'sqlchk{i}', '={{ $json.score.stage }}', 'sql', {'type': 'string', 'operation': 'equals'})])
    wf.link(rs, chk)
    wf.link(chk, 'Hand Over to Sales', 0)
    # not SQL yet: the next email (or, after the last one, the warm/cold check below)
    if i < len(EMAILS):
        wf.link(chk, f'Email {i + 1} (Local)', 1)
    prev = None
    x += 1320
hand = router(wf, 'Hand Over to Sales', (x, 100), assignStages=['sql'])
wf.link(hand, 'Alert Owner (Local)', 0)
al = wf.add('Alert Owner (Local)', 'n8n-nodes-base.set', 3.4, (x + 260, 100), setnode([('nextStep', 'Left the sequence: alert the assigned owner', 'string'), ('alert', OWNER_ALERT_TEXT, 'string')]))
wf.link(al, slack_disabled(wf, 'Alert Owner on Slack', (x + 500, 100), '={{ $json.alert }}'))
cold = if_node(wf, 'Still Warm?', (x, 400), [('warm', '={{ $json.score.stage }}', 'mql', {'type': 'string', 'operation': 'equals'}), ('warm2', "={{ $json.lead.events.filter(e => ['email_click','email_reply','page_view','pricing_page_view','case_study_view','content_download','webinar_registered'].includes(e.type)).length }}", 1, {'type': 'number', 'operation': 'gte'})], type_validation='loose')
wf.link(f'Became SQL? {len(EMAILS)}', cold, 1)
rec = wf.add('Recycle to Newsletter (Local)', 'n8n-nodes-base.set', 3.4, (x + 260, 320), setnode([('nextStep', 'Sequence finished without a hand-raise: recycle into the newsletter, try again in 90 days', 'string'), ('recycleAfter', '={{ $now.plus({ days: 90 }).toISODate() }}', 'string')]))
dq = wf.add('Disqualify as Cold (Local)', 'n8n-nodes-base.set', 3.4, (x + 260, 500), setnode([('nextStep', 'No engagement in the whole sequence: mark as disqualified (cold)', 'string'), ('finalStage', 'disqualified', 'string')]))
wf.link(cold, rec, 0); wf.link(cold, dq, 1)
wf.link(dq, hubspot_disabled(wf, 'Mark Unqualified in HubSpot', (x + 500, 500), 'other'))
wf.add('Left: Unsubscribed (Local)', 'n8n-nodes-base.set', 3.4, (x, 700), setnode([('nextStep', 'Unsubscribed: left the sequence, nothing more is sent', 'string')]))
wf.note('About', (-40, -380), 900, 340, "## MQL nurture sequence\nStart it with `POST /webhook/mql-nurture` and `{\"lead\": {...}, \"score\": {...}}` (for example from the MQL branch of *Inbound lead qualification* with an HTTP Request node). Three emails go out, each followed by a **Wait** that resumes early when the lead engages: the email's links point at `$execution.resumeUrl` (`?event=email_click`, `page_view`, `email_reply`, `demo_request`…).\n\nAfter every step the lead is **re-scored** with everything it did. A lead that becomes **SQL** (for example by asking for a demo) leaves the sequence at once and goes to sales. After the last step, leads that engaged are recycled into the newsletter; leads that never engaged are disqualified as cold.\n\nEvery enrolment is remembered in the n8n Data Table `nurture_enrolments` (email → resume URL), so an unsubscribe in *Newsletter sign-ups* ends the sequence at once.\n\n**Change first:** the step wait (`stepWaitSeconds`, default 3 days) and the email texts.")
wf.note('Local Defaults', (900, -380), 480, 260, LOCAL_NOTE, 4)
wf.save('mql-nurture-sequence.json')

# 4. ads -------------------------------------------------------------------------------
wf = WF('LqSampleAdLeads1', 'Ad lead intake (Meta and Google Ads)')
t = intake(wf, 'Ad Lead Forms', 'ad-leads', (0, 300))
cost = wf.add('Cost per Lead', 'n8n-nodes-base.set', 3.4, (240, 300), setnode([
    ('ad', "={{ (() => { const costs = { 'Spring test drives': 18.5, '20000000000': 42 }; const campaign = $json.lead.utm.campaign; return { platform: $json.lead.source, campaign, costPerLead: costs[campaign] ?? 25, currency: 'USD' }; })() }}", 'object'),
    ('lead', "={{ Object.assign({}, $json.lead, { events: $json.lead.events.some(e => e.type === 'ad_click') ? $json.lead.events : $json.lead.events.concat([{ type: 'ad_click', at: $json.lead.submittedAt || $now.toISO(), value: $json.lead.utm.campaign }]) }) }}", 'object'),
]))
s = score(wf, 'Lead Score', (480, 300))
r = router(wf, 'Lead Router', (720, 300))
wf.link(t, cost); wf.link(cost, s); wf.link(s, r)
stage_ends(wf, r, 1000, 0)
wf.note('About', (-40, -320), 760, 300, "## Ad lead intake\nMeta Lead Ads (Graph API lead or n8n's Facebook Lead Ads Trigger output) and Google Ads lead forms post to **Ad Lead Forms**. *Cost per Lead* adds `ad: {platform, campaign, costPerLead}` from a table you keep in that node (cost per lead must stay below a lead's value: compare them per campaign) and an `ad_click` activity. The lead is scored and routed by territory; the cost fields stay on the item all the way to the alert.\n\n**Meta:** the webhook only carries `leadgen_id`: fetch the lead with n8n's Facebook Graph API node (`GET /{leadgen_id}`) before *Cost per Lead*, or use n8n's Facebook Lead Ads Trigger.\n**Google Ads:** set *Verification* to *Check Signature* with the `google_key` in a credential.")
wf.note('Local Defaults', (760, -320), 520, 300, LOCAL_NOTE, 4)
wf.save('ad-lead-intake.json')

# 5. newsletter ----------------------------------------------------------------------------
wf = WF('LqSampleNewslett', 'Newsletter sign-ups (Mailchimp)')
t = intake(wf, 'Mailchimp Webhook', 'newsletter-signups', (0, 300), source='mailchimp')
un = if_node(wf, 'Unsubscribed?', (240, 300), [('unsub', "={{ ['unsubscribe', 'cleaned'].includes($json.meta.eventType) }}", '', {'type': 'boolean', 'operation': 'true', 'singleValue': True})], type_validation='loose')
wf.link(t, un)
leave = wf.add('Leave Every Sequence (Local)', 'n8n-nodes-base.set', 3.4, (500, 100), setnode([('nextStep', '=Unsubscribed ({{ $json.meta.eventType }}): stop every nurture sequence and send nothing more', 'string'), ('suppress', '={{ $json.lead.email }}', 'string')]))
wf.link(un, leave, 0)
wf.link(leave, hubspot_disabled(wf, 'Mark Unsubscribed in HubSpot', (740, -60), 'subscriber'))
ens = ensure_enrolment_table(wf, 'Ensure Enrolment Table', (740, 100))
wf.link(leave, ens)
find = wf.add('Find Their Sequences', 'n8n-nodes-base.dataTable', 1.1, (960, 100), {'resource': 'row', 'operation': 'get', 'dataTableId': table_ref(), 'matchType': 'anyCondition', 'filters': {'conditions': [{'keyName': 'email', 'condition': 'eq', 'keyValue': "={{ $('Leave Every Sequence (Local)').item.json.lead.email }}"}]}, 'returnAll': True, 'options': {}})
wf.link(ens, find)
stop = wf.add('Stop Each Sequence', 'n8n-nodes-base.httpRequest', 4.2, (1180, 100), {'method': 'POST', 'url': "={{ $json.resumeUrl + ($json.resumeUrl.includes('?') ? '&' : '?') + 'event=unsubscribe' }}", 'sendBody': True, 'specifyBody': 'json', 'jsonBody': '{"event": "unsubscribe"}', 'options': {'response': {'response': {'neverError': True}}}}, onError='continueRegularOutput')
wf.link(find, stop)
s = score(wf, 'Lead Score', (500, 400))
wf.link(un, s, 1)
r = router(wf, 'Lead Router', (740, 400), assignStages=['sql'])
wf.link(s, r)
sql = wf.add('Alert Owner (Local)', 'n8n-nodes-base.set', 3.4, (1000, 200), setnode([('nextStep', 'Alert the assigned owner', 'string'), ('alert', OWNER_ALERT_TEXT, 'string')]))
wf.link(r, sql, 0)
wf.link(sql, slack_disabled(wf, 'Alert Owner on Slack', (1240, 200), '={{ $json.alert }}'))
welcome = wf.add('Welcome Series (Local)', 'n8n-nodes-base.set', 3.4, (1000, 420), setnode([('nextStep', '=Start the welcome series ({{ $json.score.stage === "mql" ? "fast track: also notify marketing" : "standard" }})', 'string')]))
wf.link(r, welcome, 1); wf.link(r, welcome, 2)
wf.link(welcome, gmail_disabled(wf, 'Send Welcome Email with Gmail', (1240, 420), '={{ $json.lead.email }}', 'Welcome aboard', '=Hi {{ $json.lead.firstName || "there" }}, thanks for subscribing …'))
dq = wf.add('Log and Stop (Local)', 'n8n-nodes-base.set', 3.4, (1000, 620), setnode([('nextStep', 'Log and stop', 'string')]))
wf.link(r, dq, 3)
wf.note('About', (-40, -320), 760, 300, "## Newsletter sign-ups\nIn Mailchimp: **Audience → Settings → Webhooks**, paste the *Mailchimp Webhook* URL, tick subscribes, unsubscribes, profile updates and cleaned addresses. (Mailchimp does not sign webhooks: keep the URL secret.)\n\nSign-ups are scored (a sign-up is a light engagement signal) and start the welcome series; a sign-up whose profile is already sales-ready alerts sales. **Unsubscribes and cleaned addresses leave every sequence**: the running *MQL nurture sequence* executions of that email (from the Data Table `nurture_enrolments`) are resumed with an `unsubscribe` event and end without another email.")
wf.note('Local Defaults', (760, -320), 520, 300, LOCAL_NOTE, 4)
wf.save('newsletter-sign-ups.json')
print('ok')
