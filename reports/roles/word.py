"""The statement of roles and responsibilities as a Word file, written from the same register
as its PDF (roles/pdf/_roles.html); the cabinet report's roles appendix writes it the same way."""

from climbie_audit.word import WordDocument
from reports.models import RoleStatement
from reports.roles import rules as roles


def write_register(document: WordDocument, register: roles.Register, top_level: int) -> None:
    """Title, preamble, then each group's roles numbered 1, 2, 3 … with their responsibilities."""
    statement = register.statement
    council = statement.council
    document.heading(f"{council.name.upper()}: {statement.title.upper()}", top_level)
    sentence = (
        f" For these purposes: {register.grouping_sentence}" if register.grouping_sentence else ""
    )
    document.paragraph(f"({statement.preamble}{sentence})")
    for group in register.groups:
        if not group.roles:
            continue
        numbers = f" (roles {group.numbers})" if group.numbers else ""
        document.heading(f"{group.label}{numbers}", top_level + 1)
        for numbered in group.roles:
            document.heading(numbered.role.title, top_level + 2, number=f"{numbered.number}.")
            for responsibility in numbered.responsibilities:
                document.bullets([responsibility.text])
                if responsibility.points:
                    document.bullets(responsibility.points, level=2)
            if numbered.role.note:
                document.paragraph(f"({numbered.role.note})")


def roles_docx_bytes(statement: RoleStatement) -> bytes:
    register = roles.register_of(statement)
    council = register.statement.council
    title = f"{council.name}: {register.statement.title}"
    document = WordDocument(
        title=title,
        author=council.name,
        subject=f"{council.name}: statement of roles and responsibilities for safeguarding children",
        running_head=title,
    )
    write_register(document, register, top_level=1)
    return document.bytes()
