"""Cabinet reports, statements of roles and inspections are not in the Django admin.

Administrators manage councils, people, assignments and frameworks (DESIGN.md); reports to
cabinet are councils' work, drafts included, and are read in the service, where the access rules
apply. Least privilege: docs/decisions/0006-accounts-and-two-factor.md."""
