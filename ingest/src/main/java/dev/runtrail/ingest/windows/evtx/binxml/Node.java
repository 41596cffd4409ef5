package dev.runtrail.ingest.windows.evtx.binxml;

import java.util.List;

/**
 * One node of a parsed binary XML fragment. Template definitions are parsed once per chunk into
 * these nodes; each record then supplies only its substitution values.
 */
public sealed interface Node {

    /**
     * An element with its attributes and content; {@code openTag} ({@code <name}) and {@code
     * closeTag} ({@code </name>}) are built once with the template, not for every record.
     */
    record Element(
            String name,
            List<Attribute> attributes,
            List<Node> children,
            String openTag,
            String closeTag)
            implements Node {
        public Element(String name, List<Attribute> attributes, List<Node> children) {
            this(name, attributes, children, "<" + name, "</" + name + ">");
        }
    }

    /**
     * An attribute; its value is a list of text, substitution and reference nodes. {@code prefix}
     * is {@code name="}, built once with the template.
     */
    record Attribute(String name, List<Node> value, String prefix) {
        public Attribute(String name, List<Node> value) {
            this(name, value, " " + name + "=\"");
        }
    }

    /** Literal text from a value token. */
    record Text(String text) implements Node {}

    /** A placeholder filled from the template instance's value array. */
    record Substitution(int index, int declaredType, boolean optional) implements Node {}

    /** {@code &#N;}. */
    record CharRef(int codePoint) implements Node {}

    /** {@code &name;}. */
    record EntityRef(String name) implements Node {}

    /** {@code <![CDATA[...]]>}. */
    record CData(String text) implements Node {}

    /** {@code <?target data?>}. */
    record ProcessingInstruction(String target, String data) implements Node {}

    /** A template applied to a value array: the body of every event record. */
    record TemplateInstance(Template template, Values values) implements Node {}
}
