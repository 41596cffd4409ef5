package dev.runtrail.model;

/** What a parser yields for one raw record: an event, or a dead letter saying why not. */
public sealed interface Parsed permits EcsDocument, DeadLetter {}
