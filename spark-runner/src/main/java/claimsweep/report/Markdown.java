package claimsweep.report;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

import java.util.List;
import java.util.Set;

/**
 * The report's Markdown (its preamble, the notes a combined report takes with --notes, the
 * claim sections' list items) as HTML, by commonmark-java with GitHub's table syntax: headings,
 * tables, nested lists and emphasis render as a Markdown reader expects. The HTML report must stay
 * self-contained and script-free whatever a notes file holds, so raw HTML in the Markdown is
 * escaped (shown as text), link targets are sanitized (no javascript:), and a Markdown image
 * becomes its alt text rather than a reference to a file or server the report does not carry.
 */
public final class Markdown {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true)
            .sanitizeUrls(true).nodeRendererFactory(AltTextImages::new).build();

    private Markdown() {}

    /** A block of Markdown (paragraphs, headings, lists, tables) as HTML. */
    public static String toHtml(String markdown) {
        return RENDERER.render(PARSER.parse(markdown));
    }

    /** One line of inline Markdown (`code`, **bold**) as HTML, without the paragraph around it. */
    public static String inlineToHtml(String markdown) {
        Node doc = PARSER.parse(markdown);
        Node first = doc.getFirstChild();
        if (first instanceof Paragraph p && first.getNext() == null) {
            StringBuilder sb = new StringBuilder();
            for (Node n = p.getFirstChild(); n != null; n = n.getNext()) sb.append(RENDERER.render(n));
            return sb.toString();
        }
        return RENDERER.render(doc);
    }

    /** Renders an image as its escaped alt text: the report inlines its own plots and refers to nothing else. */
    private static final class AltTextImages implements NodeRenderer {
        private final HtmlWriter html;
        private final HtmlNodeRendererContext context;

        AltTextImages(HtmlNodeRendererContext context) {
            this.context = context;
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Image.class);
        }

        @Override
        public void render(Node node) {
            html.tag("em");
            for (Node n = node.getFirstChild(); n != null; n = n.getNext()) context.render(n);
            html.tag("/em");
        }
    }
}
