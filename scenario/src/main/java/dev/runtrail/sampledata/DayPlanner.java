package dev.runtrail.sampledata;

import dev.runtrail.sampledata.world.Account;
import dev.runtrail.sampledata.world.Dag;
import dev.runtrail.sampledata.world.Human;
import dev.runtrail.sampledata.world.LogFormat;
import dev.runtrail.sampledata.world.Transport;
import dev.runtrail.sampledata.world.WindowsHost;
import dev.runtrail.sampledata.world.World;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Decides everything that starts on one day — scheduled and manual runs, background sessions, the
 * day's injected anomalies — and returns it in start order. Only one day is planned at a time.
 */
final class DayPlanner {
    private final SimState state;
    private final double scale;

    DayPlanner(SimState state, double scale) {
        this.state = state;
        this.scale = scale;
    }

    List<Activity> plan(LocalDate day) {
        Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        World world = state.world;
        List<RunPlan> runs = new ArrayList<>();
        for (Dag dag : world.dags()) {
            scheduled(dag, dayStart, runs);
            manual(dag, dayStart, runs);
        }
        runs.sort(Comparator.comparing(RunPlan::firstActivity));
        List<Activity> activities = new ArrayList<>();
        injectIntoRuns(runs, dayStart);
        for (RunPlan run : runs) {
            activities.add(new RunActivity(run, state));
        }
        if (world.dags().stream().anyMatch(d -> d.transport() == Transport.WINDOWS_WORKER)) {
            activities.add(new WorkerServiceActivity(dayStart, state));
        }
        noise(dayStart, activities);
        standAloneAnomalies(day, dayStart, runs, activities);
        activities.sort(Comparator.comparing(Activity::start));
        return activities;
    }

    private void scheduled(Dag dag, Instant dayStart, List<RunPlan> runs) {
        if (dag.scheduleMinutes() == 0) {
            return;
        }
        long interval = Math.max(15, Math.round(dag.scheduleMinutes() / scale));
        for (long m = dag.scheduleOffsetMinutes() % interval; m < 24 * 60; m += interval) {
            Instant slot = dayStart.plus(Duration.ofMinutes(m));
            Instant logical = slot.minus(Duration.ofMinutes(interval));
            runs.add(
                    new RunPlan(
                            dag,
                            "scheduled",
                            logical,
                            logical,
                            slot,
                            slot.plusMillis(state.between(500, 20000)),
                            null,
                            false,
                            Set.of(),
                            false));
        }
    }

    private void manual(Dag dag, Instant dayStart, List<RunPlan> runs) {
        double rate = dag.manualPerDay() * scale;
        int count = (int) rate + (state.chance(rate - (int) rate) ? 1 : 0);
        for (int i = 0; i < count; i++) {
            Instant created =
                    dayStart.plusSeconds(state.between(8 * 3600, 18 * 3600))
                            .plusNanos(1000L * state.between(0, 999_999));
            Human human =
                    state.world.humans().get(state.random.nextInt(state.world.humans().size()));
            runs.add(
                    new RunPlan(
                            dag,
                            "manual",
                            created,
                            created,
                            created,
                            created,
                            human,
                            state.chance(0.4),
                            Set.of(),
                            false));
        }
    }

    /**
     * Marks the day's runs that carry an anomaly: a hidden trigger, a new privilege, an account
     * change.
     */
    private void injectIntoRuns(List<RunPlan> runs, Instant dayStart) {
        int hidden = firstIndex(runs, r -> r.manual());
        if (hidden >= 0) {
            runs.set(hidden, runs.get(hidden).with(AnomalyKind.MANUAL_RUN_WITHOUT_TRIGGER));
        }
        int privileged =
                firstIndex(
                        runs,
                        r ->
                                r.dag().account().equals(state.world.svcEtl())
                                        && !r.anomalies()
                                                .contains(AnomalyKind.MANUAL_RUN_WITHOUT_TRIGGER));
        if (privileged >= 0) {
            runs.set(privileged, runs.get(privileged).with(AnomalyKind.UNEXPECTED_PRIVILEGE));
        }
        Instant afternoon = dayStart.plus(Duration.ofHours(15));
        int changer = -1;
        for (int i = 0; i < runs.size(); i++) {
            RunPlan r = runs.get(i);
            if (r.dag().transport() == Transport.WINRM
                    && r.dag().account().equals(state.world.svcAirflow())
                    && !r.firstActivity().isBefore(afternoon)) {
                changer = i;
                break;
            }
        }
        if (changer >= 0) {
            runs.set(changer, runs.get(changer).with(AnomalyKind.ACCOUNT_CHANGE_BY_RUN_ACCOUNT));
        }
        // One ordinary run a day fails for good, so final failures are always present.
        int doomed =
                firstIndex(
                        runs,
                        r ->
                                !r.manual()
                                        && r.anomalies().isEmpty()
                                        && r.firstActivity()
                                                .isAfter(dayStart.plus(Duration.ofHours(18))));
        if (doomed >= 0) {
            runs.set(doomed, runs.get(doomed).doomedToFail());
        }
    }

    private static int firstIndex(List<RunPlan> runs, java.util.function.Predicate<RunPlan> test) {
        for (int i = 0; i < runs.size(); i++) {
            if (test.test(runs.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private void noise(Instant dayStart, List<Activity> activities) {
        World world = state.world;
        for (WindowsHost host : world.allWindowsHosts()) {
            every(dayStart, host, NoiseKind.MONITORING, 45 / scale, activities);
            every(dayStart, host, NoiseKind.SYSTEM, 75 / scale, activities);
            every(dayStart, host, NoiseKind.LOCAL_SERVICE, 240 / scale, activities);
            every(dayStart, host, NoiseKind.MACHINE_ACCOUNT, 180 / scale, activities);
            every(dayStart, host, NoiseKind.ANONYMOUS, 480 / scale, activities);
        }
        int browsing = (int) Math.max(1, Math.round(10 * scale));
        for (int i = 0; i < browsing; i++) {
            Human human = world.humans().get(state.random.nextInt(world.humans().size()));
            Instant at = dayStart.plusSeconds(state.between(7 * 3600, 19 * 3600));
            activities.add(new BrowsingActivity(at, human, state));
        }
        int rdp = (int) Math.max(1, Math.round(2 * scale));
        for (int i = 0; i < rdp; i++) {
            WindowsHost host = world.hosts().get(state.random.nextInt(world.hosts().size()));
            Human human = world.humans().get(state.random.nextInt(world.humans().size()));
            Instant at = dayStart.plusSeconds(state.between(7 * 3600, 19 * 3600));
            activities.add(new NoiseActivity(at, NoiseKind.HUMAN_RDP, host, state, human));
        }
    }

    private void every(
            Instant dayStart,
            WindowsHost host,
            NoiseKind kind,
            double minutes,
            List<Activity> out) {
        long periodMillis = Math.max(20_000, Math.round(minutes * 60_000));
        long t = state.between(0, periodMillis);
        while (t < 86_400_000L) {
            out.add(new NoiseActivity(dayStart.plusMillis(t), kind, host, state, null));
            // Periodic, but not clockwork: ±20 % per gap.
            t += Math.round(periodMillis * (0.8 + 0.4 * state.random.nextDouble()));
        }
    }

    private void standAloneAnomalies(
            LocalDate day, Instant dayStart, List<RunPlan> runs, List<Activity> activities) {
        World world = state.world;
        orphanSlot(dayStart, runs, activities);
        WindowsHost appHost = world.hosts().get(1 % world.hosts().size());
        // Alternate days: an RDP logon by svc_etl, or a console logon by svc_airflow.
        boolean console = day.toEpochDay() % 2 == 1;
        activities.add(
                new AnomalyActivity(
                        dayStart.plusSeconds(state.between(13 * 3600, 14 * 3600)),
                        AnomalyKind.INTERACTIVE_SERVICE_LOGON,
                        console ? world.hosts().get(0) : appHost,
                        console ? world.svcAirflow() : world.svcEtl(),
                        null,
                        null,
                        state,
                        console));
        WindowsHost beatHost =
                world.hosts().stream()
                        .filter(h -> h.format() == LogFormat.WINLOGBEAT_NDJSON)
                        .findFirst()
                        .orElse(appHost);
        Human admin = world.humans().get(0);
        activities.add(
                new AnomalyActivity(
                        dayStart.plusSeconds(state.between(16 * 3600, 17 * 3600)),
                        AnomalyKind.AUDIT_LOG_CLEARED,
                        beatHost,
                        admin.windowsAccount(),
                        null,
                        admin,
                        state,
                        false));
    }

    /**
     * A service-account logon from a worker, placed where no run of a DAG using that account on
     * that host starts within the hour before or ten minutes after, so no attempt can explain it.
     */
    private void orphanSlot(Instant dayStart, List<RunPlan> runs, List<Activity> activities) {
        for (Dag dag : state.world.dags()) {
            if (dag.transport() != Transport.WINRM) {
                continue;
            }
            Account account = dag.account();
            WindowsHost host = dag.target();
            for (long minute = 9 * 60 + state.between(0, 9); minute < 20 * 60; minute += 10) {
                Instant t = dayStart.plus(Duration.ofMinutes(minute));
                boolean busy =
                        runs.stream()
                                .anyMatch(
                                        r ->
                                                r.dag().target() == host
                                                        && r.dag().account().equals(account)
                                                        && !r.firstActivity()
                                                                .isBefore(
                                                                        t.minus(
                                                                                Duration.ofMinutes(
                                                                                        60)))
                                                        && !r.firstActivity()
                                                                .isAfter(
                                                                        t.plus(
                                                                                Duration.ofMinutes(
                                                                                        10))));
                if (!busy) {
                    activities.add(
                            new AnomalyActivity(
                                    t.plusSeconds(state.between(0, 59)),
                                    AnomalyKind.ORPHAN_SERVICE_SESSION,
                                    host,
                                    account,
                                    state.world.workers().get(1 % state.world.workers().size()),
                                    null,
                                    state,
                                    false));
                    return;
                }
            }
        }
    }
}
