"""Leicester's SSI evaluation of May 2003 (seed 000), as data: for the demo (climbie_audit.demo)
and the tests (tests/evaluations/seed_000.py re-exports every name).

The OCR of the seed ran columns together and cut words off. Texts marked in RECONSTRUCTED were
repaired from the surrounding words (and, for the overall assessment, from seed 002 §3.2); the
notes say what was restored. Everything else is the seed's wording, typing errors corrected only
where noted.
"""

import datetime

INSPECTOR = ("Roy", "Fryer")
COMPLETED_ON = datetime.date(2003, 5, 6)
PHASE = "a"

JUDGEMENTS = {
    1: "most",
    2: "most",
    3: "most",
    4: "promising",
    5: "promising",
    6: "promising",
    7: "promising",
}
LABELS = {"most": "Most", "promising": "Promising"}

TEXTS = {
    1: (
        "Procedures for the referral process are well defined and put into practice. They have "
        "been reviewed as part of the audit and are generally robust with a few requiring some "
        "revision. There are good working relationships with other agencies. Care First, the IT "
        "system being developed in Leicester, will be in place by October to provide the case "
        "tracking and time scale alerts to enhance the information system and provide office "
        "managers with monitoring information. The introduction of a common referral/assessment "
        "form for children in need including those who are alleged to have been abused will "
        "strengthen this development. Staffing difficulties are a concern in achieving the "
        "council's desired level of effectiveness."
    ),
    2: (
        "An impressive file audit has taken place resulting in exemplars of good practice for "
        "assessments being developed, supported by training and increased monitoring. It is "
        "evident that assessments are timely and include appropriate checks with other agencies. "
        "Managers are actively involved and supervision is regularly provided allowing monitoring "
        "of procedures and practice. Work with black and ethnic minority families is well "
        "developed and independent interpreters are available for assessments. The housing "
        "department is a member of the ACPC and their work with social care has resulted in a "
        "Beacon award. Analytical skills are variable and this is being addressed through "
        "supervision and training. The importance of recording no-access visits is acknowledged "
        "by the use of a proforma recording the reason for and outcome of the visit, all contacts "
        "and the child's response. The joint audit of child protection with the UHL Trust should "
        "be undertaken as quickly as possible."
    ),
    3: (
        "All children on the CPR and LAC have an allocated social worker. The small number of "
        "children in need that are not allocated are regularly reviewed by service managers. All "
        "CP cases are reviewed independently to monitor the work plan. Staff recruitment and "
        "retention have affected some service provision and most of the proposed developments "
        "will not take place until July or October but these are improvements on existing well "
        "developed procedures and practice."
    ),
    4: (
        "The Director has produced a very helpful paper on the accountability of councillors and "
        "council staff for children which is being distributed in SSI. There are effective "
        "policies and procedures in the department endorsed by the ACPC that are rigorously "
        "monitored. The ACPC has recognised that guidance on international issues and mobile "
        "families needs to be developed. Procedure for the closure and transfer of CPR cases is "
        "available but this is not for all children in need and the Council request national "
        "guidance on transfers between local authorities to reduce uncertainty. The Council has "
        "identified October for meeting most of the criteria having scored four on some but that "
        "is because improvements on existing systems are taking place particularly linked to the "
        "full implementation of the IT system Care First."
    ),
    5: (
        "Good training strategy informed by individual staff appraisal that identifies training "
        "needs and it uses these to plan its training programme. All staff working with children "
        "in need are qualified and have received in house training. ACPC training is being "
        'offered to promote a more assertive culture by offering courses on "challenging other '
        'professionals", "working with dangerous families" and "supervising social workers '
        'who are managing risk". The only difficulties are vacancies and staff levels within '
        "teams restricting numbers that can be released for training."
    ),
    6: (
        "The audit has identified the need to increase the percentage of cases monitored and use "
        "the information to improve performance. Regular supervision and appraisal is in place to "
        "ensure staff understand their responsibilities, but it is acknowledged that too much "
        "reliance is placed on team managers. The introduction of Care First will reduce the time "
        "consuming manual collection of information and the reconfiguration of staff "
        "responsibilities should allow team managers more time for supervision and performance "
        "management."
    ),
    7: (
        "Leicester City has many Government initiatives for childrens services and they are "
        "interested in forming a Childrens Trust to co-ordinate these initiatives supported by "
        "their own plans and PSA targets for children. They are planning innovative approaches to "
        "retain and recruit staff. The budget settlement will allow some development without the "
        "threat of reduction in services. There are clear lines of accountability and the Chief "
        "Executive is active in promoting the safeguarding of children. More information is "
        "required for councillors on services for children in need including unallocated cases "
        "and staffing difficulties."
    ),
}

OVERALL_SERVING = "most"
OVERALL_SERVING_TEXT = (
    "All CP children and LAC have a qualified social worker and few children in need were not "
    "allocated at the time of the audit. Good performance management systems are in place that "
    "ensure regular monitoring, file audits and supervision. Policies and procedures are in line "
    "with ACPC requirements and supported by training and staff development. The risks are "
    "associated with the retention and recruitment of staff and the full implementation of the IT "
    "system Care First. An SSI inspection of childrens services will provide a comprehensive "
    "evaluation of the services."
)
OVERALL_CAPACITY = "promising"
OVERALL_CAPACITY_TEXT = (
    "Services for children in need are well managed in Leicester and the desire to form a "
    "Childrens Trust is indicative of the partnerships that exist and the desire to co-ordinate "
    "the many Government initiatives linked with the Council's objectives for children supported "
    "by their work on the PSA. The budget settlement has ensured that they will not have to cut "
    "back on service provision. The audit indicates a higher percentage of criteria that are not "
    "on target but a lot of these are because improvements to existing systems need time for "
    "implementation."
)
# The seed's answer to "Follow up visit to take place?" was lost in the OCR.
FOLLOW_UP_VISIT = False

# (description, PAF domain, kind, highlight for annual review)
FINDINGS = [
    (
        "There are procedures and policies and compliance is monitored through supervision and "
        "file checks by service managers. This process will be improved when the new IT system is "
        "fully operational",
        "effectiveness",
        "strength",
        True,
    ),
    (
        "The Council is strong on partnerships as evidenced by its desire to become a Childrens "
        "Trust to coordinate the large number of resources provided through Government "
        "initiatives to reduce deprivation. Beacon status has also been awarded to some services.",
        "effectiveness",
        "strength",
        True,
    ),
    (
        "Staff recruitment and retention is a major concern and limits the effectiveness of "
        "services.",
        "effectiveness",
        "development",
        True,
    ),
    (
        "Revision of some ACPC procedures have been identified following the audit. A joint audit "
        "with the Acute NHS Trust of child protection referrals will be undertaken.",
        "effectiveness",
        "development",
        True,
    ),
]

RECONSTRUCTED = {
    "standard 1": "'put into practice. They have been reviewed as part of', 'in Leicester, will be "
    "in place', 'office managers' and 'are a concern' restored where the columns ran together.",
    "standard 2": "'being developed', 'and independent interpreters', 'proforma recording the "
    "reason for and outcome of the visit' and 'joint audit of child protection' restored.",
    "standard 4": "'staff for children which is being', 'available but this', 'having scored four "
    "on some' and 'full implementation of' restored.",
    "standard 5": "'it uses these to plan its training programme' and 'The only difficulties are "
    "vacancies and' restored from cut-off words.",
    "standard 6": "'but it is acknowledged' and 'should allow team managers' restored.",
    "standard 7": "'Child Executive' read as 'Chief Executive'.",
    "serving children well": "'and few children in need were not allocated', 'The risks are "
    "associated with' and 'childrens services will provide ... of the services' restored.",
    "capacity for improvement": "'in Leicester and the desire to form a Childrens Trust is' and "
    "'improvements to existing systems need time for implementation' restored.",
    "findings": "'initiatives' and 'limits' corrected from the OCR's 'nitiatives' and 'imits'.",
}
