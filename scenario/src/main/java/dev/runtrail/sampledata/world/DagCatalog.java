package dev.runtrail.sampledata.world;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The DAG templates a world is made of. Five shapes cover the transports and the hard cases: two
 * DAGs share one account on one host (overlapping sessions), mapped tasks run in parallel, one DAG
 * is manual only, one runs on a Windows worker.
 */
final class DagCatalog {
    static final String SQLCMD =
            "C:\\Program Files\\Microsoft SQL Server\\Client SDK\\ODBC\\170\\Tools\\Binn\\SQLCMD.EXE";
    static final String ROBOCOPY = "C:\\Windows\\System32\\Robocopy.exe";
    static final String POWERSHELL =
            "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe";
    static final String CERTUTIL = "C:\\Windows\\System32\\certutil.exe";

    private DagCatalog() {}

    static Dag dag(int index, World world, RandomGenerator random) {
        int round = index / 5;
        String suffix = round == 0 ? "" : "_" + (round + 1);
        List<WindowsHost> hosts = world.hosts();
        WindowsHost db = hosts.get(round % hosts.size());
        WindowsHost app = hosts.get((1 + round) % hosts.size());
        WindowsHost fs = hosts.get((2 + round) % hosts.size());
        int offset = random.nextInt(20);
        return switch (index % 5) {
            case 0 ->
                    new Dag(
                            "mssql_nightly_backup" + suffix,
                            "dba-team",
                            Transport.PSRP,
                            db,
                            db.netbios(),
                            world.svcAirflow(),
                            "CORP\\svc_airflow",
                            "psrp_" + db.lowerNetbios().replace('-', '_'),
                            1440,
                            120 + offset,
                            2,
                            List.of(
                                    new TaskDef(
                                            "check_space",
                                            "Get-PSDrive -PSProvider FileSystem",
                                            null,
                                            0,
                                            20),
                                    new TaskDef(
                                            "backup_database",
                                            "Backup-SqlDatabase -ServerInstance localhost -Database $db",
                                            SQLCMD,
                                            2,
                                            300),
                                    new TaskDef(
                                            "verify_backups",
                                            "Test-Path D:\\Backup\\*.bak",
                                            null,
                                            0,
                                            40)),
                            0.5);
            case 1 ->
                    new Dag(
                            "sales_etl_hourly" + suffix,
                            "data-eng",
                            Transport.WINRM,
                            db,
                            db.lowerNetbios(),
                            world.svcAirflow(),
                            "CORP\\svc_airflow",
                            "winrm_" + db.lowerNetbios().replace('-', '_'),
                            60,
                            offset,
                            3,
                            List.of(
                                    new TaskDef(
                                            "extract_orders",
                                            "cmd.exe /c C:\\etl\\extract_orders.cmd",
                                            SQLCMD,
                                            0,
                                            90),
                                    new TaskDef(
                                            "load_partition",
                                            "powershell.exe -NoProfile -File C:\\etl\\load_partition.ps1",
                                            SQLCMD,
                                            2,
                                            120),
                                    new TaskDef(
                                            "refresh_cube",
                                            "cmd.exe /c C:\\etl\\refresh_cube.cmd",
                                            null,
                                            0,
                                            60)),
                            1.5);
            case 2 ->
                    new Dag(
                            "fileshare_cleanup" + suffix,
                            "it-ops",
                            Transport.SSH,
                            fs,
                            fs.lowerNetbios() + "." + World.DNS_DOMAIN,
                            world.svcEtl(),
                            "svc_etl",
                            "ssh_" + fs.lowerNetbios().replace('-', '_'),
                            240,
                            10 + offset,
                            1,
                            List.of(
                                    new TaskDef(
                                            "purge_temp",
                                            "powershell -NoProfile -Command \"Get-ChildItem D:\\Temp -Recurse |"
                                                    + " Remove-Item -Force\"",
                                            POWERSHELL,
                                            0,
                                            45),
                                    new TaskDef(
                                            "archive_logs",
                                            "robocopy D:\\Logs \\\\"
                                                    + fs.netbios()
                                                    + "\\archive /MOV /MINAGE:7",
                                            ROBOCOPY,
                                            0,
                                            150)),
                            0.6);
            case 3 ->
                    new Dag(
                            "finance_reports" + suffix,
                            "finance-bi",
                            Transport.WINDOWS_WORKER,
                            world.windowsWorkerHost(),
                            world.windowsWorkerHost().netbios(),
                            world.svcAirflow(),
                            "CORP\\svc_airflow",
                            "local",
                            360,
                            30 + offset,
                            2,
                            List.of(
                                    new TaskDef(
                                            "build_report",
                                            "cmd.exe /c C:\\reports\\build.cmd",
                                            SQLCMD,
                                            0,
                                            180),
                                    new TaskDef(
                                            "publish_report",
                                            "cmd.exe /c C:\\reports\\publish.cmd",
                                            ROBOCOPY,
                                            0,
                                            60)),
                            0.5);
            default ->
                    new Dag(
                            "app_config_deploy" + suffix,
                            "platform",
                            Transport.WINRM,
                            app,
                            app.netbios().toLowerCase(java.util.Locale.ROOT)
                                    + "."
                                    + World.DNS_DOMAIN,
                            world.svcEtl(),
                            "svc_etl@" + World.DNS_DOMAIN,
                            "winrm_" + app.lowerNetbios().replace('-', '_'),
                            0,
                            0,
                            1,
                            List.of(
                                    new TaskDef(
                                            "precheck",
                                            "cmd.exe /c C:\\deploy\\precheck.cmd",
                                            null,
                                            0,
                                            30),
                                    new TaskDef(
                                            "push_config",
                                            "cmd.exe /c C:\\deploy\\push_config.cmd",
                                            CERTUTIL,
                                            2,
                                            60),
                                    new TaskDef(
                                            "smoke_test",
                                            "cmd.exe /c C:\\deploy\\smoke.cmd",
                                            null,
                                            0,
                                            40)),
                            4.0);
        };
    }
}
