package dev.armature.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Checks that the BOM is pure and complete: it lists every published module of the reactor, and
 * nothing else, without scopes, a parent or a build. Paths are relative to agent-cli's directory,
 * where Surefire runs.
 */
class BomTest {
    /** Reactor modules that are not published, so not in the BOM. */
    static final Set<String> UNPUBLISHED = Set.of("bom", "benchmarks", "samples/agent-host");

    private static final Path ROOT = Path.of("..");

    private static Element bom = root(ROOT.resolve("pom.xml"));
    private static Element parent = bom;

    @BeforeAll
    static void readPoms() {
        bom = root(ROOT.resolve("bom/pom.xml"));
        parent = root(ROOT.resolve("pom.xml"));
    }

    @Test
    void the_bom_lists_exactly_the_published_modules() {
        Set<String> published = new TreeSet<>();
        for (Element module : children(child(parent, "modules"), "module")) {
            String dir = module.getTextContent().trim();
            if (!UNPUBLISHED.contains(dir)) {
                published.add(text(root(ROOT.resolve(dir).resolve("pom.xml")), "artifactId"));
            }
        }
        assertThat(published).as("published modules of the reactor").isNotEmpty();

        Set<String> listed = new TreeSet<>();
        for (Element dependency : managedDependencies()) {
            listed.add(text(dependency, "artifactId"));
        }
        assertThat(listed).isEqualTo(published);
    }

    @Test
    void every_entry_is_an_armature_artifact_at_the_bom_version_without_a_scope() {
        String version = text(bom, "version");
        assertThat(version).isEqualTo(text(parent, "version"));
        for (Element dependency : managedDependencies()) {
            String artifact = text(dependency, "artifactId");
            assertThat(text(dependency, "groupId")).as(artifact).isEqualTo("dev.armature");
            assertThat(text(dependency, "version")).as(artifact).isEqualTo(version);
            assertThat(children(dependency, "scope")).as("scope of " + artifact).isEmpty();
            assertThat(children(dependency, "type")).as("type of " + artifact).isEmpty();
        }
    }

    @Test
    void the_bom_has_no_parent_no_build_and_no_dependencies_of_its_own() {
        assertThat(text(bom, "groupId")).isEqualTo("dev.armature");
        assertThat(text(bom, "packaging")).isEqualTo("pom");
        assertThat(children(bom, "parent")).isEmpty();
        assertThat(children(bom, "build")).isEmpty();
        assertThat(children(bom, "dependencies")).isEmpty();
        assertThat(children(bom, "modules")).isEmpty();
    }

    private static List<Element> managedDependencies() {
        return children(child(child(bom, "dependencyManagement"), "dependencies"), "dependency");
    }

    private static Element root(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError("cannot read " + pom.toAbsolutePath().normalize(), e);
        }
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertThat(found).as("<%s> in <%s>", name, parent.getTagName()).hasSize(1);
        return found.get(0);
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent().trim();
    }
}
