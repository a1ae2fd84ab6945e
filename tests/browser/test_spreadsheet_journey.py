"""An officer completes the return offline: template download, fill in, upload, preview, confirm."""

import datetime
import re

import openpyxl
from playwright.sync_api import expect

from standards.spreadsheet.cells import COLUMN_INDEX, FIRST_ROW, RETURN_SHEET
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import CouncilFactory, OfficerFactory


def _fill(template_path, out_path, broken=False):
    """What the officer does in Excel: ratings everywhere, plans where a rating is below 4."""
    workbook = openpyxl.load_workbook(template_path)
    sheet = workbook[RETURN_SHEET]
    column = COLUMN_INDEX
    for row in range(FIRST_ROW, sheet.max_row + 1):
        code = sheet.cell(row=row, column=column["code"]).value
        if not code:
            continue
        standard = int(code.split(".")[0])
        rating = 4 if standard <= 3 else 3
        if broken and code == "2.10":
            rating = 7
        sheet.cell(row=row, column=column["rating"]).value = rating
        sheet.cell(row=row, column=column["evidence"]).value = f"Evidence for {code}"
        if rating < 4:
            sheet.cell(row=row, column=column["improvement"]).value = f"Plan for {code}"
            sheet.cell(row=row, column=column["lead_officer"]).value = "Olivia Officer"
            sheet.cell(row=row, column=column["target_date"]).value = datetime.date(2003, 4, 1)
    workbook.save(out_path)


def test_officer_completes_the_return_in_a_spreadsheet(page, tmp_path):
    council = CouncilFactory(name="Leicester", code="509", region="East Midlands")
    OfficerFactory(
        username="officer.sheets", first_name="Olivia", last_name="Officer", council=council
    )

    sign_in(page, "officer.sheets")
    assert_accessible(page, "spreadsheet-overview")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download a blank spreadsheet template").click()
    download = download_info.value
    assert download.suggested_filename == "509-climbie-2003-template.xlsx"
    template = tmp_path / download.suggested_filename
    download.save_as(template)
    filled, broken = tmp_path / "leicester-return.xlsx", tmp_path / "leicester-broken.xlsx"
    _fill(template, filled)
    _fill(template, broken, broken=True)

    page.get_by_role("link", name="Upload your return from a spreadsheet").click()
    expect(
        page.get_by_role("heading", name="Upload your return from a spreadsheet", level=1)
    ).to_be_visible()
    assert_accessible(page, "spreadsheet-upload")

    page.get_by_label("Upload a file").set_input_files(broken)
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    error = page.get_by_role(
        "link", name="Return sheet, row 20, column Rating: enter a rating from 1 to 4 for 2.10"
    )
    expect(error).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page, "spreadsheet-upload-errors")
    error.click()
    expect(page.get_by_label("Upload a file")).to_be_focused()

    page.get_by_label("Upload a file").set_input_files(filled)
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", name="54 criteria will change", level=1)).to_be_visible()
    expect(page.get_by_role("table", name="Criterion 2.10")).to_contain_text("Not rated")
    assert_accessible(page, "spreadsheet-preview")

    page.get_by_role("button", name="Apply these changes").click()
    expect(page.get_by_text("54 criteria updated from leicester-return.xlsx")).to_be_visible()
    expect(page.get_by_test_id("rated-count")).to_have_text("54 of 54 criteria rated.")
    for number in range(1, 8):
        item = page.get_by_role("listitem").filter(
            has=page.get_by_role("link", name=re.compile(rf"^Standard {number}:"))
        )
        expect(item).to_contain_text("Completed")
    assert_accessible(page, "spreadsheet-task-list")

    page.get_by_role("link", name="Check your answers and submit").click()
    expect(page.get_by_test_id("rating-2.10")).to_contain_text("4:")
    expect(page.get_by_test_id("rating-5.1")).to_contain_text("3:")
    assert_accessible(page, "spreadsheet-check-answers")

    page.get_by_role("link", name="Back to your self-audit").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download your answers as a spreadsheet").click()
    again = tmp_path / "again.xlsx"
    download_info.value.save_as(again)
    page.get_by_role("link", name="Upload your return from a spreadsheet").click()
    page.get_by_label("Upload a file").set_input_files(again)
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", name="No criteria will change", level=1)).to_be_visible()
    assert_accessible(page, "spreadsheet-preview-unchanged")
