"""The text of a rendered table's body rows, cell by cell, as a reader sees it (tags dropped, entities read)."""

from html.parser import HTMLParser


class _BodyCells(HTMLParser):
    def __init__(self, table_id: str):
        super().__init__(convert_charrefs=True)
        self.table_id, self.in_table, self.in_body, self.cell = table_id, False, False, None
        self.rows: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "table" and dict(attrs).get("id") == self.table_id:
            self.in_table = True
        elif self.in_table and tag == "tbody":
            self.in_body = True
        elif self.in_body and tag == "tr":
            self.rows.append([])
        elif self.in_body and tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if self.in_body and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tbody":
            self.in_body = False
        elif tag == "table":
            self.in_table = False

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def body_cells(response, table_id: str) -> list[list[str]]:
    """Each body row of the table with this id in the response, as its cells' text."""
    parser = _BodyCells(table_id)
    parser.feed(response.content.decode())
    return parser.rows
