package dev.runtrail.sampledata;

import dev.runtrail.sampledata.world.Dag;
import dev.runtrail.sampledata.world.Human;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Someone looking around the Airflow UI without triggering anything: a login through the proxy now
 * and then, page views, a REST listing. Proxy noise around the trigger requests.
 */
final class BrowsingActivity implements Activity {
    private final Instant start;
    private final Human human;
    private final SimState state;

    BrowsingActivity(Instant start, Human human, SimState state) {
        this.start = start;
        this.human = human;
        this.state = state;
    }

    @Override
    public Instant start() {
        return start;
    }

    @Override
    public void perform(Outputs out) throws IOException {
        Instant t = start;
        String ua = human.userAgent();
        if (state.chance(0.4)) {
            out.proxy.request(
                    t,
                    human.ip(),
                    state.uuid(),
                    null,
                    "GET",
                    "-",
                    "/oauth2/start?rd=%2Fhome",
                    ua,
                    302,
                    374,
                    0.0);
            t = t.plusMillis(state.between(2000, 6000));
            String user = human.email().substring(0, human.email().indexOf('@'));
            out.proxy.authSuccess(t, human.ip(), state.uuid(), human.email(), user);
            out.proxy.request(
                    t,
                    human.ip(),
                    state.uuid(),
                    null,
                    "GET",
                    "-",
                    "/oauth2/callback?code=" + token(24) + "&state=" + token(16) + "%3A%2Fhome",
                    ua,
                    302,
                    24,
                    0.41);
            t = t.plusMillis(300);
        }
        out.airflowRequest(
                human,
                ua,
                t,
                state.uuid(),
                "GET",
                "/home",
                200,
                (int) state.between(40000, 90000),
                0.3);
        List<Dag> dags = state.world.dags();
        int views = (int) state.between(1, 4);
        for (int i = 0; i < views; i++) {
            t = t.plusSeconds(state.between(4, 90));
            Dag dag = dags.get(state.random.nextInt(dags.size()));
            out.airflowRequest(
                    human,
                    ua,
                    t,
                    state.uuid(),
                    "GET",
                    "/dags/" + dag.dagId() + "/grid",
                    200,
                    (int) state.between(20000, 60000),
                    0.2);
            out.airflowRequest(
                    human,
                    ua,
                    t.plusMillis(400),
                    state.uuid(),
                    "GET",
                    "/object/grid_data?dag_id=" + dag.dagId() + "&num_runs=25",
                    200,
                    (int) state.between(5000, 40000),
                    0.08);
        }
        if (state.chance(0.3)) {
            out.airflowRequest(
                    human,
                    TriggerRequests.API_USER_AGENT,
                    t.plusSeconds(5),
                    state.uuid(),
                    "GET",
                    "/api/v1/dags?limit=100&only_active=true",
                    200,
                    (int) state.between(3000, 9000),
                    0.06);
        }
    }

    private String token(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(state.random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
