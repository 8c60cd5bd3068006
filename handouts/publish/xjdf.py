"""JOB.xjdf: the delivery as a CIP4 XJDF 2.1 job ticket, beside the job sheet, for shops whose MIS reads tickets.

One Product per file: what it is (a leaflet printed page by page, a packet stapled as one set, a saddle-stitched
booklet folded from its sheets), how many, its finished size, the stock; and a RunList per file naming the PDF
and its page range (0-based, as XJDF counts). Written with the standard library's ElementTree, in a fixed order
and with the content's release date as the creation time, so an unchanged bundle gives the same bytes.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

import handouts
from handouts.models.print_shop import Order

TICKET = "JOB.xjdf"
NAMESPACE = "http://www.CIP4.org/JDFSchema_2_0"
VERSION = "2.1"
MM = 72 / 25.4
FINISHED_PT = {"a4": (595.276, 841.89), "letter": (612.0, 792.0)}  # XJDF dimensions are in points
BINDING = {"booklet": "SaddleStitch", "packet": "CornerStitch"}


def ticket(job_id: str, records: list[dict], sheets: dict, order: Order | None, created: str = "") -> str:
    """The XJDF document for the files of `records` (the bundle's manifest rows). created: ISO date-time."""
    ET.register_namespace("", NAMESPACE)
    root = _el(None, "XJDF", JobID=job_id, Types="Product", Version=VERSION)
    header = _el(_el(_el(root, "AuditPool"), "AuditCreated"), "Header", AgentName="handouts",
                 AgentVersion=handouts.__version__, DeviceID="handouts")
    if created:
        header.set("Time", created)
    products = _el(root, "ProductList")
    runs = _el(root, "ResourceSet", Name="RunList", Usage="Input")
    for index, record in enumerate(records, 1):
        product_id = f"P{index}"
        _product(products, product_id, record, sheets, order)
        resource = _el(runs, "Resource", ID=f"R{index}")
        _el(resource, "Part", ProductPart=product_id)
        run = _el(resource, "RunList", Pages=f"0 {record['pages'] - 1}")
        _el(run, "FileSpec", URL=record["file"], MimeType="application/pdf")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def kind(record: dict) -> str:
    """"booklet", "packet" or "leaflet" (a single handout)."""
    head = record["handout"].split(":", 1)[0]
    return head if head in BINDING else "leaflet"


def _product(parent, product_id: str, record: dict, sheets: dict, order: Order | None) -> None:
    what = kind(record)
    product = _el(parent, "Product", ID=product_id, IsRoot="true", DescriptiveName=record["file"],
                  ProductType={"booklet": "Booklet", "packet": "Brochure", "leaflet": "Leaflet"}[what])
    if order is not None and order.quantity:
        product.set("Amount", str(order.quantity))
    width, height = FINISHED_PT.get(record["trim"], (0.0, 0.0))
    if width:
        layout = _el(_el(product, "Intent", Name="LayoutIntent"), "LayoutIntent",
                     FinishedDimensions=f"{width:g} {height:g}", Sides="TwoSidedHeadToHead")
        layout.set("Pages", str(record["pages"] * (2 if what == "booklet" else 1)))
    if order is not None and order.stock:
        _el(_el(product, "Intent", Name="MediaIntent"), "MediaIntent", DescriptiveName=order.stock)
    if what in BINDING:
        _el(_el(product, "Intent", Name="BindingIntent"), "BindingIntent", BindingType=BINDING[what])
    if what == "booklet":
        _el(_el(product, "Intent", Name="FoldingIntent"), "FoldingIntent", FoldCatalog="F4-1")
        sheet = sheets.get(record["trim"])
        if sheet is not None:
            _el(product, "Comment").text = f"imposed 2-up on {sheet.describe()}, {record['pages'] // 2} sheets"
    if order is not None and order.deadline:
        _el(_el(product, "Intent", Name="DeliveryIntent"), "DeliveryIntent",
            Required=f"{order.deadline.isoformat()}T17:00:00Z")


def _el(parent, tag: str, **attributes: str) -> ET.Element:
    name = f"{{{NAMESPACE}}}{tag}"
    return ET.Element(name, attributes) if parent is None else ET.SubElement(parent, name, attributes)
