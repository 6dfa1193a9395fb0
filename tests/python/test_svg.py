"""wskfuzz.svg: the charts are well-formed XML with axes, a point per sample, a legend per series."""
import unittest
import xml.etree.ElementTree as ET

from wskfuzz.svg import line_chart

NS = "{http://www.w3.org/2000/svg}"


def parse(text):
    return ET.fromstring(text)


class LineChart(unittest.TestCase):
    def test_valid_xml_with_axes_and_points(self):
        root = parse(line_chart("exec/s <&>", [("a", [(0, 1), (3, 5), (6, 2)]), ("b", [(0, 0), (6, 9)])], "s", "n"))
        self.assertEqual(root.tag, NS + "svg")
        lines = {l.get("class") for l in root.iter(NS + "line")}
        self.assertTrue({"x-axis", "y-axis"} <= lines)
        self.assertEqual(len([c for c in root.iter(NS + "circle") if c.get("class") == "point"]), 5)
        self.assertEqual([g.get("data-name") for g in root.iter(NS + "g") if g.get("class") == "series"], ["a", "b"])
        self.assertEqual(root.find(NS + "title").text, "exec/s <&>")

    def test_points_inside_the_plot(self):
        root = parse(line_chart("t", [("a", [(10, 100), (20, 300)])], width=400, height=200))
        for c in root.iter(NS + "circle"):
            self.assertTrue(0 <= float(c.get("cx")) <= 400 and 0 <= float(c.get("cy")) <= 200)
        ys = [float(c.get("cy")) for c in root.iter(NS + "circle")]
        self.assertGreater(ys[0], ys[1])  # the larger value is drawn higher

    def test_empty_series(self):
        for series in ([], [("a", [])]):
            root = parse(line_chart("nothing", series))
            self.assertEqual(len(list(root.iter(NS + "circle"))), 0)
            self.assertTrue(any(t.get("class") == "empty" for t in root.iter(NS + "text")))

    def test_one_point_and_flat_series(self):
        root = parse(line_chart("one", [("a", [(5, 7)]), ("b", [(5, 7), (6, 7)])]))
        self.assertEqual(len(list(root.iter(NS + "circle"))), 3)


if __name__ == "__main__":
    unittest.main()
