"""The template a council's statement of roles and responsibilities starts from: Leicester City
Council's "Safeguarding children: summary of roles and responsibilities within the council",
Appendix 1 of its cabinet report of 21 July 2003 (seed 002), transcribed.

Each role is (group, title, responsibilities, note). A responsibility that starts with "- " is a
sub-point of the one before it (role 8 lists what scrutiny looks at). "{council}" stands for the
council's name, which Leicester's text used once (role 12). Transcription notes: the OCR split
role 4's responsibilities across a page break and ran some bullets together; they are restored
one per line in the seed's order. Nothing else was reworded.
"""

FRAMEWORK = "framework"
SCRUTINY = "scrutiny"
DELIVERY = "delivery"

TITLE = "Safeguarding children: summary of roles and responsibilities within the council"

PREAMBLE = (
    "This summary seeks to clarify roles and responsibilities. It does NOT replace any other "
    "procedures."
)

ROLES = [
    (
        FRAMEWORK,
        "The Leader of the Council",
        [
            "Ensure that the Council gives priority to safeguarding children coherently and "
            "consistently in service planning and resource allocation.",
            "Designate one Cabinet member with responsibility for safeguarding children.",
            "Ensure the Council appoints a Corporate Director to carry social services "
            "responsibilities and ensure that the Cabinet receives advice from him/her on all "
            "relevant matters.",
            "Ensure all communities are equally served in this regard.",
        ],
        "",
    ),
    (
        FRAMEWORK,
        "The Cabinet Lead for Social Services (and/or with designated responsibility for "
        "Safeguarding Children)",
        [
            "Ensure that the Council's social services responsibilities are properly considered, "
            "supported and monitored by the Cabinet, including an annual report to Cabinet on how "
            "they have been exercised.",
            "Work with the Corporate Director of Social Care and Health to ensure the Department "
            "is adequately funded and staffed to deliver these priorities, in and out of office "
            "hours.",
            "Act as the Cabinet champion for safeguarding children.",
            "Ensure that the Council fulfils its responsibilities as “corporate parent” of Looked "
            "After Children.",
        ],
        "",
    ),
    (
        FRAMEWORK,
        "The Chief Executive",
        [
            "Ensure the Council has developed local strategic objectives, priorities and targets "
            "for child protection that complement those set nationally.",
            "Nominate a Corporate Director with Directors' Board leadership role for child "
            "protection, and when this differs from the lead for vulnerable children, make sure "
            "there is close working to ensure synergy between the two areas.",
            "Make sure statutory inter-agency arrangements are in place (including Area Child "
            "Protection Committee, Multi-Agency Public Protection Panel) and ensure there is an "
            "open culture between local agencies and good direct communications between senior "
            "managers so that they accept and address concerns brought to their attention.",
            "Receive regular briefings that identify the strengths and weaknesses of the "
            "Council's services and on the action required to address them.",
            "Ensure all children's services are sensitive to diversity.",
        ],
        "",
    ),
    (
        FRAMEWORK,
        "The Corporate Director of Social Care and Health",
        [
            "Ensure that the Department has management and accountability structures that "
            "deliver safe and effective services, with particular reference to the Children Act "
            "1989, The Framework for the Assessment of Children in Need and their Families and "
            "Working Together to Safeguard Children.",
            "Ensure that the Department has access to a range of effective, efficient and "
            "flexible services that protect and support vulnerable children and their families.",
            "Ensure effective multi-agency planning processes are in place to plan for children "
            "in need and that there is an effective Area Child Protection Committee that "
            "co-ordinates services and ensures that children are protected in all settings "
            "including hospitals.",
            "Ensure the effective management and use of the Child Protection Register by relevant "
            "agencies.",
            "Ensure that those with framework, scrutiny and delivery arrangements have appropriate "
            "training to enable them to exercise the responsibilities of their role.",
            "Ensure staff are well trained, supported and managed, and feel able to report any "
            "concerns.",
            "Ensure children in need are listened to, both in service provision, and at a more "
            "strategic level.",
        ],
        "",
    ),
    (
        FRAMEWORK,
        "The Corporate Director of Resources, Access & Diversity",
        [
            "Ensure expert legal advice is available to the Council on its child care "
            "responsibilities.",
            "Ensure that robust arrangements are in place for pre and post recruitment checks to "
            "be undertaken for all appropriate people working with children in the Council and "
            "the services it arranges and funds.",
        ],
        "",
    ),
    (
        FRAMEWORK,
        "The Corporate Director of Education & Lifelong Learning",
        [
            "Ensure the safeguarding of children in all educational provision, whether pre-school "
            "day care, primary, secondary or residential schools, or out of school activities, "
            "youth work, play, childcare and family learning.",
            "Make sure all schools and educational services have policies and procedures for "
            "child protection.",
            "Ensure measures are in place to promote good attendance; to manage behaviour and "
            "tackle bullying and other forms of harassment; to provide effective personal, social "
            "and health education; and support for family learning, opportunities for personal "
            "and social development, and support for the voice of young people and children.",
            "Specific attention should be given to groups at risk of low achievement, including "
            "children in the public care, with special needs, and particular ethnic groups; the "
            "attendance, behaviour and provision for pupils out of school, within the context of "
            "a general approach to educational inclusion.",
            "Ensure the LEA is a core member of the ACPC and that maintained schools, staff and "
            "governors and other direct educational provision are fully integrated in, and "
            "familiar with, child protection procedures.",
        ],
        "",
    ),
    (
        FRAMEWORK,
        "All Corporate Directors and Service Directors",
        [
            "Should be committed to protecting children and should communicate that commitment "
            "throughout the organisation.",
            "Ensure their services are provided in a way that ensures the safety of all children.",
            "Ensure all staff in services with contact with children and/or their parents have a "
            "consistent understanding of the thresholds for sharing information with and referral "
            "to Social Care & Health/ Police, and receive appropriate training to undertake their "
            "responsibilities to safeguard and promote the welfare of children.",
        ],
        "",
    ),
    (
        SCRUTINY,
        "Scrutiny Committee Members",
        [
            "Take all necessary steps to scrutinise the Council's arrangements for safeguarding "
            "children, with particular reference to:",
            "- the adequacy of funding",
            "- staff levels and morale",
            "- the Department's performance, including unallocated cases",
            "- the care, education, health and achievements of Looked After Children",
            "- that protection is accessible to all communities.",
        ],
        "",
    ),
    (
        SCRUTINY,
        "Children's Homes Visiting Panel",
        [
            "All party group to fulfil councillors' responsibilities to visit children's homes.",
            "Cabinet Lead is responsible for bringing matters raised by the Panel to the "
            "Corporate Director and Cabinet's attention.",
        ],
        "Note: the scope of the Panel will be expanded to include visits to other frontline "
        "children's services in line with the recommendations of the Laming Report, pending the "
        "Government's formal response to the structural changes proposed.",
    ),
    (
        SCRUTINY,
        "Quality Protects Members Group",
        [
            "Responsible for overseeing the preparation of the Quality Protects Management Action "
            "Plan and recommending its approval to Cabinet and the Council.",
        ],
        "",
    ),
    (
        DELIVERY,
        "All Councillors",
        [
            "Should be aware of how and when to refer child welfare concerns to Social Care and "
            "Health/Police and how, after the referral has been registered, that there are "
            "subsequent constraints on staff sharing information as set out in the Council's "
            "Political Conventions.",
            "Should be aware of their responsibilities as “corporate parents” of Looked After "
            "Children.",
        ],
        "",
    ),
    (
        DELIVERY,
        "Area Child Protection Committee",
        [
            "The inter-agency group with responsibility for agreeing how the different services "
            "and professional groups should co-operate to safeguard children in {council}, and "
            "for making sure that arrangements work effectively to bring about good outcomes for "
            "children.",
        ],
        "",
    ),
    (
        DELIVERY,
        "Service Directors for Children's Services",
        [
            "Ensure that children are protected, and they and their families benefit from "
            "effective referral, assessment, planning and review processes, which result in "
            "appropriate services being provided to respond to the identified developmental "
            "needs of the child.",
            "Maintain positive and constructive relationships through the ACPC with partner "
            "agencies.",
            "Ensure that staff are provided with up-to-date procedures, protocols and guidance "
            "and that systems are in place to ensure they are followed.",
            "Ensure arrangements are in place for the safe transfer of responsibility between "
            "local authorities.",
            "Ensure clarity in the role of child protection advisers.",
            "Ensure induction, supervision and staff development processes are in place.",
            "Ensure performance measures are in place to ensure services, including those "
            "commissioned from external organisations, are safely, efficiently and "
            "cost-effectively delivered.",
            "Ensure workload management systems are in place and monitored.",
            "Ensure staff are able to offer culturally appropriate services to all the "
            "communities of the city.",
        ],
        "",
    ),
    (
        DELIVERY,
        "Service Managers",
        [
            "Ensure effective systems are in place to enable team managers to establish how many "
            "children have been referred to their team, what action is required to be taken for "
            "each child, who is responsible for taking action, and when that action must be "
            "completed and has been completed.",
            "Ensure that all cases of children assessed as needing a service have an allocated "
            "worker.",
            "Ensure that staff follow procedures, protocols and guidance and that casework is "
            "checked regularly.",
            "Report to Service Directors on the quality and performance of their services, "
            "including workloads, on a regular basis through supervision.",
        ],
        "",
    ),
    (
        DELIVERY,
        "Team Leaders",
        [
            "Ensure that referrals are acknowledged.",
            "Ensure that cases are allocated to appropriately qualified and trained practitioners "
            "and that the practitioner is clear about what has been allocated, what action is "
            "required, and how that action will be reviewed and supervised.",
            "Ensuring and monitoring that core Directorate standards for recording and managing "
            "case files are met.",
            "Ensure the quality of work and supervision.",
            "Ensure practitioners are able to manage the diversity aspects of their work.",
        ],
        "",
    ),
    (
        DELIVERY,
        "Child Care Practitioners",
        [
            "Follow the Council's child protection procedures.",
            "Maintain records of their work.",
            "Keep up to date through training and other professional development opportunities.",
        ],
        "",
    ),
    (
        DELIVERY,
        "Other Practitioners and Support Staff",
        [
            "Pass all concerns about child protection to the appropriate duty team without delay.",
        ],
        "",
    ),
]
