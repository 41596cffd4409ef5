package dev.runtrail.ingest.windows.evtx.binxml;

import java.util.List;

/**
 * One node of a parsed binary XML fragment. Template definitions are parsed once per chunk into
 * these nodes; each record then supplies only its substitution values.
 */
public sealed interface Node {

    /** An element with its attributes and content. */
    record Element(String name, List<Attribute> attributes, List<Node> children) implements Node {}

    /** An attribute; its value is a list of text, substitution and reference nodes. */
    record Attribute(String name, List<Node> value) {}

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
