package dev.runtrail.ingest.windows.evtx.binxml;

import java.util.List;

/**
 * A template definition from a chunk's template table (or inline in a record): its GUID and its
 * parsed body, in which substitutions stand for the values each record supplies.
 *
 * @param offset chunk offset of the definition, the key records refer to it by
 */
public record Template(int offset, String guid, List<Node> body) {}
