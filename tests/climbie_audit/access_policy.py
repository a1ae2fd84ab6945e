"""Who may use which URL, by GET and by POST (the access matrix in test_access_matrix.py).

Columns, in order: anonymous, officer of Leicester (A), officer of Derby (B), director of A,
SSI inspector assigned to A, SSI inspector not assigned to A, administrator.
ok = allowed (a page, a download, or a redirect after the action); login = sent to sign in;
403 = may see the council but not do this; 404 = must not know the object exists;
405 = method not allowed. A POST with an empty form counts as allowed when the page answers it
(usually with a GOV.UK error summary). Each request is rolled back, so cells do not interact.
"""

ACCESS = {
    # accounts (issue 16): another council's people are 404 to its officers and director
    "accounts:account": {
        "get": "login ok ok ok ok ok ok",
        "post": "login ok ok ok ok ok ok",
    },  # /account/
    "accounts:change_password": {
        "get": "login ok ok ok ok ok ok",
        "post": "login ok ok ok ok ok ok",
    },  # /account/password/
    "accounts:two_factor_setup": {
        "get": "login ok ok ok ok ok ok",
        "post": "login ok ok ok ok ok ok",
    },  # /account/two-factor/
    "accounts:recovery_codes": {
        "get": "login ok ok ok ok ok ok",
        "post": "login ok ok ok ok ok ok",
    },  # /account/two-factor/recovery-codes/
    "accounts:verify": {
        "get": "login ok ok ok ok ok ok",
        "post": "login ok ok ok ok ok ok",
    },  # /sign-in/code/
    "accounts:everyone": {
        "get": "login 403 403 ok 403 403 ok",
        "post": "login 403 403 ok 403 403 ok",
    },  # /people/
    "accounts:invite": {
        "get": "login 403 403 403 403 403 ok",
        "post": "login 403 403 403 403 403 ok",
    },  # /people/invite/
    "accounts:reset_second_factor": {
        "get": "login 403 403 403 403 403 ok",
        "post": "login 403 403 403 403 403 ok",
    },  # /people/<officer of A>/second-factor/reset/
    "accounts:council_people": {
        "get": "login 403 404 ok 403 403 ok",
        "post": "login 403 404 ok 403 403 ok",
    },  # /councils/509/people/
    "accounts:invite_officer": {
        "get": "login 403 404 ok 403 403 403",
        "post": "login 403 404 ok 403 403 403",
    },  # /councils/509/people/invite/
    "accounts:remove_officer": {
        "get": "login 403 404 ok 403 403 403",
        "post": "login 403 404 ok 403 403 403",
    },  # /councils/509/people/<officer of A>/remove/
    "accounts:accept_invitation": {
        "get": "ok ok ok ok ok ok ok",
        "post": "ok ok ok ok ok ok ok",
    },  # /invitation/MQ/1-bad/ (a link that does not work)
    "accounts:forgot_password": {
        "get": "ok ok ok ok ok ok ok",
        "post": "ok ok ok ok ok ok ok",
    },  # /password/forgot/
    "accounts:password_reset_sent": {
        "get": "ok ok ok ok ok ok ok",
        "post": "ok ok ok ok ok ok ok",
    },  # /password/forgot/sent/
    "accounts:reset_password": {
        "get": "ok ok ok ok ok ok ok",
        "post": "ok ok ok ok ok ok ok",
    },  # /password/reset/MQ/1-bad/ (a link that does not work)
    # notifications (issue 18): a person's own only; another's notification is 404
    "notifications:list": {
        "get": "login ok ok ok ok ok ok",
        "post": "login ok ok ok ok ok ok",
    },  # /notifications/
    "notifications:open": {
        "get": "login ok 404 404 404 404 404",
        "post": "login ok 404 404 404 404 404",
    },  # /notifications/<officer of A's notification>/
    "notifications:mark_all_read": {
        "get": "login 405 405 405 405 405 405",
        "post": "login ok ok ok ok ok ok",
    },  # /notifications/read/
    "notifications:preferences": {
        "get": "login ok ok ok ok ok ok",
        "post": "login ok ok ok ok ok ok",
    },  # /notifications/preferences/
    "accessibility": {
        "get": "ok ok ok ok ok ok ok",
        "post": "ok ok ok ok ok ok ok",
    },  # /accessibility/
    "action_plan:action": {
        "get": "login ok 404 ok ok ok ok",
        "post": "login ok 404 ok 403 403 403",
    },  # /councils/509/action-plan/actions/1/
    "action_plan:add": {
        "get": "login ok 404 ok 403 403 403",
        "post": "login ok 404 ok 403 403 403",
    },  # /councils/509/action-plan/add/
    "action_plan:cabinet": {
        "get": "login ok 404 ok 403 403 403",
        "post": "login ok 404 ok 403 403 403",
    },  # /councils/509/action-plan/cabinet/
    "action_plan:details": {
        "get": "login ok 404 ok 403 403 403",
        "post": "login ok 404 ok 403 403 403",
    },  # /councils/509/action-plan/actions/1/details/
    "action_plan:plan": {
        "get": "login ok 404 ok ok ok ok",
        "post": "login ok 404 ok ok ok ok",
    },  # /councils/509/action-plan/
    "action_plan:export_csv": {
        "get": "login ok 404 ok ok ok ok",
        "post": "login ok 404 ok ok ok ok",
    },  # /councils/509/action-plan/export.csv
    "action_plan:export_xlsx": {
        "get": "login ok 404 ok ok ok ok",
        "post": "login ok 404 ok ok ok ok",
    },  # /councils/509/action-plan/export.xlsx
    "admin-login": {
        "get": "login login login login login login login",
        "post": "login login login login login login login",
    },  # /admin/login/
    "cabinet:appendices": {
        "get": "login 403 404 ok 404 404 404",
        "post": "login 403 404 ok 404 404 404",
    },  # /councils/509/cabinet-reports/1/appendices/
    "cabinet:decision": {
        "get": "login 403 404 ok 404 404 404",
        "post": "login 403 404 ok 404 404 404",
    },  # /councils/509/cabinet-reports/1/decision/
    "cabinet:final": {
        "get": "login 403 404 ok 404 404 404",
        "post": "login 403 404 ok 404 404 404",
    },  # /councils/509/cabinet-reports/1/final/
    "cabinet:front": {
        "get": "login 403 404 ok 404 404 404",
        "post": "login 403 404 ok 404 404 404",
    },  # /councils/509/cabinet-reports/1/front/
    "cabinet:implications": {
        "get": "login 403 404 ok 404 404 404",
        "post": "login 403 404 ok 404 404 404",
    },  # /councils/509/cabinet-reports/1/implications/
    "cabinet:list": {
        "get": "login ok 404 ok ok ok ok",
        "post": "login ok 404 ok ok ok ok",
    },  # /councils/509/cabinet-reports/
    "cabinet:new": {
        "get": "login 403 404 ok 403 403 403",
        "post": "login 403 404 ok 403 403 403",
    },  # /councils/509/cabinet-reports/new/
    "cabinet:pdf": {
        "get": "login ok 404 ok 404 404 404",
        "post": "login ok 404 ok 404 404 404",
    },  # /councils/509/cabinet-reports/1/pdf/
    "cabinet:docx": {
        "get": "login ok 404 ok 404 404 404",
        "post": "login ok 404 ok 404 404 404",
    },  # /councils/509/cabinet-reports/1/word/ (a draft: its council only)
    "cabinet:report": {
        "get": "login ok 404 ok 404 404 404",
        "post": "login ok 404 ok 404 404 404",
    },  # /councils/509/cabinet-reports/1/
    # sections and appendices of a draft report (issue 15): its director changes them; its
    # officers may read the attached file with the report; a draft is 404 outside the council
    "paper_parts:parts": {
        "get": "login 403 404 ok 404 404 404",
        "post": "login 403 404 ok 404 404 404",
    },  # /councils/509/cabinet-reports/1/parts/
    "paper_parts:add_section": {
        "get": "login 403 404 ok 404 404 404",
        "post": "login 403 404 ok 404 404 404",
    },  # /councils/509/cabinet-reports/1/parts/new-section/
    "paper_parts:attach": {
        "get": "login 403 404 ok 404 404 404",
        "post": "login 403 404 ok 404 404 404",
    },  # /councils/509/cabinet-reports/1/parts/attach/
    "paper_parts:attachment": {
        "get": "login 403 404 ok 404 404 404",
        "post": "login 403 404 ok 404 404 404",
    },  # /councils/509/cabinet-reports/1/parts/attachments/1/
    "paper_parts:attachment_file": {
        "get": "login ok 404 ok 404 404 404",
        "post": "login ok 404 ok 404 404 404",
    },  # /councils/509/cabinet-reports/1/parts/attachments/1/pdf/
    "paper_style:settings": {
        "get": "login 403 404 ok 403 403 403",
        "post": "login 403 404 ok 403 403 403",
    },  # /councils/509/cabinet-papers/style/
    "roles:add": {
        "get": "login 403 404 ok 403 403 403",
        "post": "login 403 404 ok 403 403 403",
    },  # /councils/509/roles-and-responsibilities/add/
    "roles:change": {
        "get": "login 403 404 ok 403 403 403",
        "post": "login 403 404 ok 403 403 403",
    },  # /councils/509/roles-and-responsibilities/1/
    "roles:remove": {
        "get": "login 403 404 ok 403 403 403",
        "post": "login 403 404 ok 403 403 403",
    },  # /councils/509/roles-and-responsibilities/1/remove/
    "roles:statement": {
        "get": "login ok 404 ok ok ok ok",
        "post": "login 403 404 ok 403 403 403",
    },  # /councils/509/roles-and-responsibilities/
    "roles:pdf": {
        "get": "login ok 404 ok ok ok ok",
        "post": "login ok 404 ok ok ok ok",
    },  # /councils/509/roles-and-responsibilities/pdf/
    "roles:docx": {
        "get": "login ok 404 ok ok ok ok",
        "post": "login ok 404 ok ok ok ok",
    },  # /councils/509/roles-and-responsibilities/word/
    "cabinet:section": {
        "get": "login 403 404 ok 404 404 404",
        "post": "login 403 404 ok 404 404 404",
    },  # /councils/509/cabinet-reports/1/sections/summary/
    # SSI challenge (issue 18): the council's people and its assigned inspectors; others 404
    "challenge:close": {
        "get": "login 405 405 405 405 405 405",
        "post": "login 403 404 403 ok 404 404",
    },  # /councils/509/queries/<query>/close/
    "challenge:document": {
        "get": "login ok 404 ok ok 404 404",
        "post": "login 405 405 405 405 405 405",
    },  # /councils/509/queries/<query>/documents/<document>/
    "challenge:list": {
        "get": "login ok 404 ok ok 404 404",
        "post": "login 405 405 405 405 405 405",
    },  # /councils/509/queries/
    "challenge:query": {
        "get": "login ok 404 ok ok 404 404",
        "post": "login ok 404 ok ok 404 404",
    },  # /councils/509/queries/<query>/
    "challenge:raise": {
        "get": "login 403 404 403 ok 404 404",
        "post": "login 403 404 403 ok 404 404",
    },  # /councils/509/evaluations/<draft>/queries/raise/
    # evidence documents (issue 18): a draft's are the council's alone; SSI's assigned
    # inspectors read a submitted version's (tests/standards/evidence/); others 404
    "evidence:criterion": {
        "get": "login ok 404 ok 404 404 404",
        "post": "login ok 404 ok 404 404 404",
    },  # /councils/509/self-audit/versions/2/evidence/criteria/1.1/
    "evidence:download": {
        "get": "login ok 404 ok 404 404 404",
        "post": "login 405 405 405 405 405 405",
    },  # /councils/509/self-audit/versions/2/evidence/<document>/
    "evidence:remove": {
        "get": "login ok 404 ok 404 404 404",
        "post": "login ok 404 ok 404 404 404",
    },  # /councils/509/self-audit/versions/2/evidence/<document>/remove/
    "evidence:version": {
        "get": "login ok 404 ok 404 404 404",
        "post": "login 405 405 405 405 405 405",
    },  # /councils/509/self-audit/versions/2/evidence/
    "evaluation:add_finding": {
        "get": "login 404 404 404 ok 404 404",
        "post": "login 404 404 404 ok 404 404",
    },  # /councils/509/evaluations/2/findings/add/
    "evaluation:change_finding": {
        "get": "login 404 404 404 ok 404 404",
        "post": "login 404 404 404 ok 404 404",
    },  # /councils/509/evaluations/2/findings/5/
    "evaluation:check": {
        "get": "login 404 404 404 ok 404 404",
        "post": "login 404 404 404 ok 404 404",
    },  # /councils/509/evaluations/2/check/
    "evaluation:council": {
        "get": "login ok 404 ok ok ok ok",
        "post": "login ok 404 ok ok ok ok",
    },  # /councils/509/evaluations/
    "evaluation:detail": {
        "get": "login ok 404 ok ok ok ok",
        "post": "login ok 404 ok ok ok ok",
    },  # /councils/509/evaluations/1/
    "evaluation:edit": {
        "get": "login 404 404 404 ok 404 404",
        "post": "login 404 404 404 ok 404 404",
    },  # /councils/509/evaluations/2/edit/
    "evaluation:issue": {
        "get": "login 405 405 405 405 405 405",
        "post": "login 404 404 404 ok 404 404",
    },  # /councils/509/evaluations/2/issue/
    "evaluation:pdf": {
        "get": "login ok 404 ok ok ok ok",
        "post": "login ok 404 ok ok ok ok",
    },  # /councils/509/evaluations/1/pdf/
    "evaluation:docx": {
        "get": "login ok 404 ok ok ok ok",
        "post": "login ok 404 ok ok ok ok",
    },  # /councils/509/evaluations/1/word/
    "evaluation:remove_finding": {
        "get": "login 404 404 404 ok 404 404",
        "post": "login 404 404 404 ok 404 404",
    },  # /councils/509/evaluations/2/findings/5/remove/
    "evaluation:respond": {
        "get": "login 403 404 ok 403 403 403",
        "post": "login 403 404 ok 403 403 403",
    },  # /councils/509/evaluations/1/response/
    "evaluation:start": {
        "get": "login 403 404 403 ok 403 403",
        "post": "login 403 404 403 ok 403 403",
    },  # /councils/509/evaluations/start/
    "evaluation:workspace": {
        "get": "login 403 403 403 ok ok 403",
        "post": "login 403 403 403 ok ok 403",
    },  # /inspector/
    "home": {"get": "login ok ok ok ok ok ok", "post": "login ok ok ok ok ok ok"},  # /
    "inspection:add": {
        "get": "login 403 404 ok 403 403 403",
        "post": "login 403 404 ok 403 403 403",
    },  # /councils/509/inspections/add/
    "inspection:change": {
        "get": "login 403 404 ok 403 403 403",
        "post": "login 403 404 ok 403 403 403",
    },  # /councils/509/inspections/1/change/
    "inspection:detail": {
        "get": "login ok 404 ok ok ok ok",
        "post": "login ok 404 ok ok ok ok",
    },  # /councils/509/inspections/1/
    "inspection:list": {
        "get": "login ok 404 ok ok ok ok",
        "post": "login ok 404 ok ok ok ok",
    },  # /councils/509/inspections/
    "keep-alive": {
        "get": "login ok ok ok ok ok ok",
        "post": "login ok ok ok ok ok ok",
    },  # /session/keep-alive/
    "login": {"get": "ok ok ok ok ok ok ok", "post": "ok ok ok ok ok ok ok"},  # /sign-in/
    "logout": {
        "get": "login 405 405 405 405 405 405",
        "post": "login login login login login login login",
    },  # /sign-out/
    "spreadsheet:national": {
        "get": "login 403 403 403 ok ok ok",
        "post": "login 403 403 403 ok ok ok",
    },  # /national/returns.xlsx
    "ping": {"get": "login ok ok ok ok ok ok", "post": "login ok ok ok ok ok ok"},  # /ping/
    "dashboard:council": {
        "get": "login ok 404 ok ok ok ok",
        "post": "login ok 404 ok ok ok ok",
    },  # /councils/509/dashboard/
    "national:overview": {
        "get": "login 403 403 403 ok ok ok",
        "post": "login 403 403 403 ok ok ok",
    },  # /national/overview/
    "national:csv": {
        "get": "login 403 403 403 ok ok ok",
        "post": "login 403 403 403 ok ok ok",
    },  # /national/overview.csv
    "national:xlsx": {
        "get": "login 403 403 403 ok ok ok",
        "post": "login 403 403 403 ok ok ok",
    },  # /national/overview.xlsx
    "national:disagreements_csv": {
        "get": "login 403 403 403 ok ok ok",
        "post": "login 403 403 403 ok ok ok",
    },  # /national/disagreements.csv
    "national:disagreements_xlsx": {
        "get": "login 403 403 403 ok ok ok",
        "post": "login 403 403 403 ok ok ok",
    },  # /national/disagreements.xlsx
    "self_audit:check": {
        "get": "login ok 404 ok 404 404 404",
        "post": "login ok 404 ok 404 404 404",
    },  # /councils/509/self-audit/check/
    "self_audit:compare": {
        "get": "login ok 404 ok 404 404 404",
        "post": "login ok 404 ok 404 404 404",
    },  # /councils/509/self-audit/compare/
    "spreadsheet:download": {
        "get": "login ok 404 ok ok ok ok",
        "post": "login ok 404 ok ok ok ok",
    },  # /councils/509/self-audit/versions/1/return.xlsx
    "self_audit:history": {
        "get": "login ok 404 ok ok ok ok",
        "post": "login ok 404 ok ok ok ok",
    },  # /councils/509/self-audit/criteria/1.1/history/
    "self_audit:overview": {
        "get": "login ok 404 ok ok ok ok",
        "post": "login ok 404 ok ok ok ok",
    },  # /councils/509/self-audit/
    "self_audit:revise": {
        "get": "login 405 405 405 405 405 405",
        "post": "login 403 404 ok 404 404 404",
    },  # /councils/509/self-audit/revise/
    "self_audit:standard": {
        "get": "login ok 404 ok 404 404 404",
        "post": "login ok 404 ok 404 404 404",
    },  # /councils/509/self-audit/standards/1/
    # who does what (issue 18): the draft's reviews are the council's own, like the draft
    "review:standard": {
        "get": "login ok 404 ok 404 404 404",
        "post": "login ok 404 ok 404 404 404",
    },  # /councils/509/self-audit/standards/1/review/
    "self_audit:start": {
        "get": "login 405 405 405 405 405 405",
        "post": "login ok 404 ok 404 404 404",
    },  # /councils/509/self-audit/start/
    "self_audit:submit": {
        "get": "login 405 405 405 405 405 405",
        "post": "login 403 404 ok 404 404 404",
    },  # /councils/509/self-audit/submit/
    "self_audit:submitted": {
        "get": "login ok 404 ok ok ok ok",
        "post": "login ok 404 ok ok ok ok",
    },  # /councils/509/self-audit/versions/1/submitted/
    "spreadsheet:template": {
        "get": "login ok 404 ok 404 404 404",
        "post": "login ok 404 ok 404 404 404",
    },  # /councils/509/self-audit/template.xlsx
    "spreadsheet:upload": {
        "get": "login ok 404 ok 404 404 404",
        "post": "login ok 404 ok 404 404 404",
    },  # /councils/509/self-audit/upload/
    "spreadsheet:upload-check": {
        "get": "login ok 404 ok 404 404 404",
        "post": "login ok 404 ok 404 404 404",
    },  # /councils/509/self-audit/upload/check/
    "self_audit:version": {
        "get": "login ok 404 ok ok ok ok",
        "post": "login ok 404 ok ok ok ok",
    },  # /councils/509/self-audit/versions/1/
    "self_audit:version_pdf": {
        "get": "login ok 404 ok ok ok ok",
        "post": "login ok 404 ok ok ok ok",
    },  # /councils/509/self-audit/versions/1/return.pdf (submitted)
    "self_audit:version_docx": {
        "get": "login ok 404 ok ok ok ok",
        "post": "login ok 404 ok ok ok ok",
    },  # /councils/509/self-audit/versions/1/return.docx (submitted)
    "self_audit:versions": {
        "get": "login ok 404 ok ok ok ok",
        "post": "login ok 404 ok ok ok ok",
    },  # /councils/509/self-audit/versions/
    "framework:criterion": {
        "get": "login ok ok ok ok ok ok",
        "post": "login ok ok ok ok ok ok",
    },  # /framework/criteria/1.1/
    "framework:index": {
        "get": "login ok ok ok ok ok ok",
        "post": "login ok ok ok ok ok ok",
    },  # /framework/
    "framework:recommendation": {
        "get": "login ok ok ok ok ok ok",
        "post": "login ok ok ok ok ok ok",
    },  # /framework/recommendations/53/
    "framework:standard": {
        "get": "login ok ok ok ok ok ok",
        "post": "login ok ok ok ok ok ok",
    },  # /framework/standards/1/
}
