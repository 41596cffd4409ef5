package dev.runtrail.sampledata.world;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * A Windows server: its names (NetBIOS and the FQDN its Security log writes as Computer), its
 * machine account, its clock skew against the Airflow side, and the logon id allocator (logon ids
 * grow over a boot and are unique per host).
 */
public final class WindowsHost {
    private final String netbios;
    private final String fqdn;
    private final String ip;
    private final Account machineAccount;
    private final long skewMillis;
    private final LogFormat format;
    private final String localSid;
    private final boolean server2022;
    private long lastLogonId;
    private int lastPid;

    public WindowsHost(
            String netbios,
            String dnsDomain,
            String ip,
            Account machineAccount,
            long skewMillis,
            LogFormat format,
            String localSid,
            long firstLogonId,
            boolean server2022) {
        this.netbios = netbios;
        this.fqdn = netbios + "." + dnsDomain;
        this.ip = ip;
        this.machineAccount = machineAccount;
        this.skewMillis = skewMillis;
        this.format = format;
        this.localSid = localSid;
        this.server2022 = server2022;
        this.lastLogonId = firstLogonId;
        this.lastPid = 0x1000;
    }

    public String netbios() {
        return netbios;
    }

    /** The name as the Security log writes it in {@code Computer}. */
    public String fqdn() {
        return fqdn;
    }

    public String lowerNetbios() {
        return netbios.toLowerCase(Locale.ROOT);
    }

    /**
     * Windows Server 2022 writes 4624 version 3 (with RemoteCredentialGuard); older servers write
     * version 2.
     */
    public boolean server2022() {
        return server2022;
    }

    public String ip() {
        return ip;
    }

    public Account machineAccount() {
        return machineAccount;
    }

    public long skewMillis() {
        return skewMillis;
    }

    public LogFormat format() {
        return format;
    }

    /** SID prefix of the host's local accounts (S-1-5-21-x-y-z). */
    public String localSid() {
        return localSid;
    }

    /**
     * The host clock for a moment of true time: constant skew plus a little jitter (±250 ms), at
     * the 100 ns resolution of a Windows FILETIME.
     */
    public Instant clock(Instant trueTime, RandomGenerator random) {
        long jitterHundredNanos = random.nextLong(-2_500_000, 2_500_001);
        return trueTime.plus(Duration.ofMillis(skewMillis)).plusNanos(100 * jitterHundredNanos);
    }

    /** A fresh logon id, hex as Windows writes it. */
    public String nextLogonId(RandomGenerator random) {
        lastLogonId += 1 + random.nextInt(0x3000);
        return "0x" + Long.toHexString(lastLogonId);
    }

    /** A fresh process id (multiple of 4, as Windows allocates them), hex. */
    public String nextPid(RandomGenerator random) {
        lastPid += 4 * (1 + random.nextInt(200));
        if (lastPid > 0xfff0) {
            lastPid = 0x1000 + 4 * random.nextInt(100);
        }
        return "0x" + Integer.toHexString(lastPid);
    }
}
