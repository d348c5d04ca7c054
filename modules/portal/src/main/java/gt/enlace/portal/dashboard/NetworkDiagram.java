package gt.enlace.portal.dashboard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

import gt.enlace.schemas.catalog.InstitutionDefinition;
import gt.enlace.survey.network.ExchangeNetwork;

/**
 * Lays the exchange network out for an SVG drawn on the server (no script needed): institutions evenly on a circle,
 * each exchange a curved arrow from the provider (or declaring institution) to the consumer (or counterpart), its
 * width growing with the logarithm of the records, its colour saying digital or manual. A pair exchanging both ways
 * gets two curves bending to opposite sides. Layout only: the network itself comes from the survey module.
 */
public final class NetworkDiagram {

    /** Width and height of the drawing in SVG units. */
    public static final int SIZE = 640;

    private static final double RADIUS = 250;
    private static final double NODE_RADIUS = 22;

    /**
     * A node as drawn.
     *
     * @param code    institution code
     * @param label   its acronym
     * @param x       centre
     * @param y       centre
     * @param labelX  where the label goes
     * @param labelY  where the label goes
     * @param anchor  SVG text-anchor of the label
     * @param href    the institution's page
     * @param title   the tooltip and accessible name
     * @param active  whether it takes part in any exchange
     */
    public record NodeView(String code, String label, double x, double y, double labelX, double labelY, String anchor,
                           String href, String title, boolean active) {
    }

    /**
     * An edge as drawn.
     *
     * @param path  SVG path data
     * @param kind  {@code digital} or {@code manual} (the CSS class)
     * @param width stroke width
     * @param title the tooltip and accessible description
     */
    public record EdgeView(String path, String kind, double width, String title) {
    }

    /**
     * The drawing.
     *
     * @param size  width and height
     * @param nodes nodes
     * @param edges edges
     */
    public record Diagram(int size, List<NodeView> nodes, List<EdgeView> edges) {
    }

    private NetworkDiagram() {
    }

    /**
     * Lays out a network.
     *
     * @param messages resolves {@code dashboard.network.*} texts with arguments
     */
    public static Diagram layout(ExchangeNetwork network, Map<String, InstitutionDefinition> institutions, String lang,
                                 BiFunction<String, Object[], String> messages) {
        List<ExchangeNetwork.Node> all = network.nodes();
        Map<String, double[]> at = new HashMap<>();
        List<NodeView> nodes = new ArrayList<>();
        double c = SIZE / 2.0;
        for (int i = 0; i < all.size(); i++) {
            ExchangeNetwork.Node n = all.get(i);
            double angle = -Math.PI / 2 + 2 * Math.PI * i / Math.max(1, all.size());
            double x = c + RADIUS * Math.cos(angle);
            double y = c + RADIUS * Math.sin(angle);
            at.put(n.institution(), new double[] {x, y});
            double lx = c + (RADIUS + NODE_RADIUS + 8) * Math.cos(angle);
            double ly = c + (RADIUS + NODE_RADIUS + 8) * Math.sin(angle) + 5;
            String anchor = Math.abs(Math.cos(angle)) < 0.3 ? "middle" : Math.cos(angle) > 0 ? "start" : "end";
            InstitutionDefinition def = institutions.get(n.institution());
            String label = def == null ? n.institution() : def.acronym();
            String name = def == null ? n.institution() : "en".equals(lang) ? def.nameEn() : def.nameEs();
            nodes.add(new NodeView(n.institution(), label, round(x), round(y), round(lx), round(ly), anchor,
                    "/dashboard/institutions/" + n.institution(),
                    messages.apply("dashboard.network.node", new Object[] {name, n.digital(), n.semiDigital(),
                        n.manualRecords()}), n.degree() > 0));
        }
        List<EdgeView> edges = new ArrayList<>();
        for (ExchangeNetwork.Edge e : network.edges()) {
            double[] a = at.get(e.from());
            double[] b = at.get(e.to());
            if (a == null || b == null) {
                continue;
            }
            double dx = b[0] - a[0];
            double dy = b[1] - a[1];
            double length = Math.hypot(dx, dy);
            double ux = dx / length;
            double uy = dy / length;
            // Bend to the left of the direction of travel; the way back bends to the other side. Manual edges bend
            // more so that a pair exchanging both digitally and by hand shows two curves.
            double bend = length * (e.kind() == ExchangeNetwork.Kind.MANUAL ? 0.22 : 0.12);
            double mx = (a[0] + b[0]) / 2 - uy * bend;
            double my = (a[1] + b[1]) / 2 + ux * bend;
            double sx = a[0] + ux * NODE_RADIUS;
            double sy = a[1] + uy * NODE_RADIUS;
            double ex = b[0] - ux * (NODE_RADIUS + 6);
            double ey = b[1] - uy * (NODE_RADIUS + 6);
            String path = String.format(Locale.ROOT, "M%.1f %.1f Q%.1f %.1f %.1f %.1f", sx, sy, mx, my, ex, ey);
            String kind = e.kind().name().toLowerCase(Locale.ROOT);
            double width = round(1.5 + Math.log10(Math.max(1, e.records())) * 1.5);
            String from = label(institutions, e.from());
            String to = label(institutions, e.to());
            edges.add(new EdgeView(path, kind, width, messages.apply("dashboard.network.edge." + kind,
                    new Object[] {from, to, e.records()})));
        }
        return new Diagram(SIZE, nodes, edges);
    }

    private static String label(Map<String, InstitutionDefinition> institutions, String code) {
        InstitutionDefinition def = institutions.get(code);
        return def == null ? code : def.acronym();
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
