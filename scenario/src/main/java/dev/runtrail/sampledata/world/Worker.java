package dev.runtrail.sampledata.world;

/**
 * An Airflow worker: the hostname Airflow logs ("Running ... on host X"), its IP (the IpAddress in
 * the Windows logons it causes) and the workstation name NTLM sends.
 */
public record Worker(String hostname, String ip, String workstation) {}
