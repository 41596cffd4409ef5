package dev.runtrail.ingest.windows;

import java.time.Instant;
import java.util.Map;

/**
 * One Windows event as every Windows format carries it (EVTX, XML, Winlogbeat JSON, flat JSON,
 * CSV): the {@code System} header and the {@code EventData}/{@code UserData} fields by name. Each
 * format parser fills this; {@link WindowsEventMapper} turns it into ECS.
 *
 * @param eventData fields in document order; unnamed {@code Data} elements are named {@code
 *     param1}, {@code param2}, ... as Winlogbeat does
 * @param message the rendered message when the export has one, else null
 */
public record WindowsRecord(
        String providerName,
        String providerGuid,
        long eventId,
        Integer version,
        Integer level,
        Integer task,
        Integer opcode,
        String keywords,
        Instant timeCreated,
        long recordId,
        String channel,
        String computer,
        Long processId,
        Long threadId,
        String userSid,
        Map<String, String> eventData,
        String message) {}
