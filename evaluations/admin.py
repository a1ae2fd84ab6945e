"""SSI evaluations, findings and council responses are not in the Django admin.

Administrators manage councils, people, assignments and frameworks (DESIGN.md); evaluations are
SSI's work, drafts included, and are read in the service, where the access rules apply
(administrators read issued evaluations there like anyone entitled to). Least privilege:
docs/decisions/0006-accounts-and-two-factor.md."""
