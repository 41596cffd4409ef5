package dev.runtrail.sampledata.world;

/**
 * A person: the e-mail the proxy authenticates, the Airflow user name the event log records, the
 * Windows account used for RDP, the workstation IP and browser.
 */
public record Human(
        String email, String airflowUser, Account windowsAccount, String ip, String userAgent) {}
