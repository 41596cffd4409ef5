package dev.runtrail.sampledata.world;

import dev.runtrail.sampledata.ScenarioConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Everything that exists before the first event: the domain, Windows hosts, Airflow workers,
 * service and human accounts and the DAGs. Built once from the seed; small (no events).
 */
public final class World {
    public static final String DOMAIN = "CORP";
    public static final String DNS_DOMAIN = "corp.example.com";

    private static final String[] HOST_ROLES = {"DB", "APP", "FS", "SQL", "ETL", "RPT", "WEB"};
    private static final String[][] PEOPLE = {
        {"alice.martin", "amartin"},
        {"bob.nguyen", "bnguyen"},
        {"carol.smith", "csmith"},
        {"dan.okafor", "dokafor"},
        {"erin.kowalski", "ekowalski"},
    };
    private static final String[] USER_AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/124.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:125.0) Gecko/20100101 Firefox/125.0",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/123.0.0.0 Safari/537.36",
    };

    private final String domainSid;
    private final List<WindowsHost> hosts;
    private final WindowsHost windowsWorkerHost;
    private final List<Worker> workers;
    private final Worker windowsWorker;
    private final Account svcAirflow;
    private final Account svcEtl;
    private final Account svcMonitor;
    private final String monitorIp;
    private final List<Human> humans;
    private final List<Dag> dags;

    private World(RandomGenerator random, ScenarioConfig config) {
        domainSid =
                "S-1-5-21-"
                        + (1_000_000_000L + random.nextLong(3_000_000_000L))
                        + "-"
                        + (1_000_000_000L + random.nextLong(3_000_000_000L))
                        + "-"
                        + (1_000_000_000L + random.nextLong(3_000_000_000L));
        hosts = new ArrayList<>();
        for (int i = 0; i < config.hosts(); i++) {
            String role = HOST_ROLES[i % HOST_ROLES.length];
            String name = String.format(Locale.ROOT, "WIN-%s%02d", role, 1 + i / HOST_ROLES.length);
            hosts.add(newHost(random, name, "10.10.1." + (21 + i), i));
        }
        windowsWorkerHost = newHost(random, "WIN-WRK01", "10.0.2.41", config.hosts());
        workers = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            workers.add(
                    new Worker(
                            "worker-" + i + "." + DNS_DOMAIN, "10.0.2." + (10 + i), "WORKER-" + i));
        }
        windowsWorker = new Worker(windowsWorkerHost.fqdn(), windowsWorkerHost.ip(), "WIN-WRK01");
        svcAirflow = domainAccount("svc_airflow", 1601, Account.ADMIN_PRIVILEGES);
        svcEtl = domainAccount("svc_etl", 1602, Account.BACKUP_PRIVILEGES);
        svcMonitor = domainAccount("svc_monitor", 1603, List.of());
        monitorIp = "10.0.5.20";
        humans = new ArrayList<>();
        for (int i = 0; i < PEOPLE.length; i++) {
            String email = PEOPLE[i][0] + "@" + DNS_DOMAIN;
            // Airflow user names follow the IdP's preferred username for some, the e-mail for
            // others.
            String airflowUser = i % 2 == 0 ? PEOPLE[i][0] : email;
            Account windows =
                    domainAccount(
                            PEOPLE[i][1], 1101 + i, i < 2 ? Account.ADMIN_PRIVILEGES : List.of());
            humans.add(
                    new Human(
                            email,
                            airflowUser,
                            windows,
                            "10.20.3." + (14 + 7 * i),
                            USER_AGENTS[i % USER_AGENTS.length]));
        }
        dags = new ArrayList<>();
        for (int i = 0; i < config.dags(); i++) {
            dags.add(DagCatalog.dag(i, this, random));
        }
    }

    /** Builds the world for a configuration; the same seed always gives the same world. */
    public static World create(ScenarioConfig config, RandomGenerator random) {
        return new World(random, config);
    }

    private WindowsHost newHost(RandomGenerator random, String name, String ip, int index) {
        // Skew within ±60 s; the first hosts are clearly ahead, behind and nearly right, so every
        // scenario has each case.
        long skew =
                switch (index) {
                    case 0 -> 23_000 + random.nextLong(30_000);
                    case 1 -> -(15_000 + random.nextLong(40_000));
                    case 2 -> random.nextLong(-1_500, 1_501);
                    default -> random.nextLong(-60_000, 60_001);
                };
        String localSid =
                "S-1-5-21-"
                        + (1_000_000_000L + random.nextLong(3_000_000_000L))
                        + "-"
                        + (1_000_000_000L + random.nextLong(3_000_000_000L))
                        + "-"
                        + (1_000_000_000L + random.nextLong(3_000_000_000L));
        Account machine =
                new Account(DOMAIN, name + "$", domainSid + "-" + (2100 + index), List.of());
        LogFormat format = index % 2 == 0 ? LogFormat.WEVTUTIL_XML : LogFormat.WINLOGBEAT_NDJSON;
        return new WindowsHost(
                name,
                DNS_DOMAIN,
                ip,
                machine,
                skew,
                format,
                localSid,
                0x40000L + random.nextLong(0x80000),
                index % 3 == 1);
    }

    private Account domainAccount(String name, int rid, List<String> privileges) {
        return new Account(DOMAIN, name, domainSid + "-" + rid, privileges);
    }

    public List<WindowsHost> hosts() {
        return hosts;
    }

    /** Every host with a Security log: the targets and the Windows worker. */
    public List<WindowsHost> allWindowsHosts() {
        List<WindowsHost> all = new ArrayList<>(hosts);
        all.add(windowsWorkerHost);
        return all;
    }

    public WindowsHost windowsWorkerHost() {
        return windowsWorkerHost;
    }

    public List<Worker> workers() {
        return workers;
    }

    public Worker windowsWorker() {
        return windowsWorker;
    }

    public Account svcAirflow() {
        return svcAirflow;
    }

    public Account svcEtl() {
        return svcEtl;
    }

    public Account svcMonitor() {
        return svcMonitor;
    }

    public String monitorIp() {
        return monitorIp;
    }

    public List<Human> humans() {
        return humans;
    }

    public List<Dag> dags() {
        return dags;
    }

    public String domainSid() {
        return domainSid;
    }
}
