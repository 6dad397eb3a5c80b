package dev.imageedit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code bin/edit} hands the JVM, proven with a copy of the launcher beside a built tree of
 * empty files and JDKs whose {@code java} only prints its arguments: which JDK and start-up archive
 * each kind of call gets, and that no archive can break a run (a stale one is never passed, and a
 * JDK before 25 never sees the AOT flag it refuses to start with).
 */
class LauncherTest {
    @TempDir
    Path home;
    private Path jar;
    private Path jdk17;
    private Path jdk25;

    @BeforeEach
    void builtTree() throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.copy(Path.of("bin/edit"), home.resolve("bin/edit"));
        jar = Files.createDirectories(home.resolve("target")).resolve("image-edit.jar");
        Files.writeString(jar, "");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
        jdk17 = fakeJdk("17.0.15");
        jdk25 = fakeJdk("25.0.3");
    }

    @Test
    void aDryRun_startsFromThePlanningCacheOfJdk25() throws Exception {
        archive("image-edit.plan.aot", jdk25);
        archive("image-edit.aot", jdk25);
        archive("image-edit.jsa", jdk17);
        for (List<String> call : List.of(List.of("Give the dog a hat", "-i", "https://img.test/d.png", "--dry-run"))) {
            List<String> args = launch(null, call);
            assertThat(args.get(0)).isEqualTo(jdk25.resolve("bin/java").toString());
            assertThat(args).contains("-XX:AOTCache=" + home.resolve("target/image-edit.plan.aot"), "-XX:-AOTReplayTraining");
            assertThat(args.subList(args.indexOf("-jar") + 2, args.size())).isEqualTo(call);
        }
        List<String> route = launch(null, List.of("route"));
        assertThat(route.get(0)).isEqualTo(jdk17.resolve("bin/java").toString());
        assertThat(route).contains("-XX:SharedArchiveFile=" + home.resolve("target/image-edit.jsa"), "-Xmx128m", "-Xmn48m");
        archive("image-edit.jsa", jdk17);
        Files.delete(home.resolve("target/image-edit.jsa.jdk"));
        assertThat(launch(null, List.of("route"))).contains("-XX:AOTCache=" + home.resolve("target/image-edit.plan.aot"));
        assertThat(launch(null, List.of("Give the dog a hat", "-i", "https://img.test/d.png"))).contains("-Xmx64m");
    }

    @Test
    void anEditThatSubmits_startsFromTheOtherCache_andMcpKeepsTheOptimisingCompiler() throws Exception {
        archive("image-edit.plan.aot", jdk25);
        archive("image-edit.aot", jdk25);
        archive("image-edit.jsa", jdk17);
        List<String> edit = launch(null, List.of("Give the dog a hat", "-i", "https://img.test/d.png"));
        assertThat(edit).contains("-XX:AOTCache=" + home.resolve("target/image-edit.aot"), "-XX:TieredStopAtLevel=1");
        List<String> mcp = launch(null, List.of("mcp"));
        assertThat(mcp).contains("-XX:AOTCache=" + home.resolve("target/image-edit.aot"))
                .doesNotContain("-XX:TieredStopAtLevel=1", "-XX:-AOTReplayTraining");
    }

    @Test
    void helpModelsAndJobCommands_startFromTheAppCdsArchiveOfJdk17() throws Exception {
        archive("image-edit.plan.aot", jdk25);
        archive("image-edit.aot", jdk25);
        archive("image-edit.jsa", jdk17);
        for (List<String> call : List.of(List.of("--help"), List.of("jobs"), List.of("--version"), List.of("models"))) {
            List<String> args = launch(null, call);
            assertThat(args.get(0)).isEqualTo(jdk17.resolve("bin/java").toString());
            assertThat(args).contains("-XX:SharedArchiveFile=" + home.resolve("target/image-edit.jsa"))
                    .noneMatch(arg -> arg.startsWith("-XX:AOT"));
        }
    }

    @Test
    void anArchiveOlderThanTheJar_isNeverPassed() throws Exception {
        archive("image-edit.plan.aot", jdk25);
        archive("image-edit.jsa", jdk17);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        List<String> args = launch(jdk25, List.of("route"));
        assertThat(args).noneMatch(arg -> arg.startsWith("-XX:AOT") || arg.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void aJavaChosenByTheUser_before25_neverSeesTheAotCache() throws Exception {
        archive("image-edit.plan.aot", jdk25);
        archive("image-edit.jsa", jdk17);
        List<String> args = launch(jdk17, List.of("Give the dog a hat", "-i", "https://img.test/d.png", "--dry-run"));
        assertThat(args.get(0)).isEqualTo(jdk17.resolve("bin/java").toString());
        assertThat(args).contains("-XX:SharedArchiveFile=" + home.resolve("target/image-edit.jsa"))
                .noneMatch(arg -> arg.startsWith("-XX:AOT") || arg.equals("-XX:+UnlockDiagnosticVMOptions"));
    }

    @Test
    void withoutABuiltJar_itSaysHowToBuildOne() throws Exception {
        Files.delete(jar);
        Process process = new ProcessBuilder(home.resolve("bin/edit").toString(), "--help").redirectErrorStream(true).start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(69);
        assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("mvn -q -DskipTests package");
    }

    /** A JDK home whose release file names the version and whose java prints one argument a line. */
    private Path fakeJdk(String version) throws IOException {
        Path jdk = home.resolve("jdk-" + version);
        Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
        Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Files.writeString(java, "#!/usr/bin/env bash\nprintf '%s\\n' \"$0\" \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return jdk;
    }

    /** A start-up archive newer than the jar, made by the given JDK. */
    private void archive(String name, Path jdk) throws IOException {
        Path archive = home.resolve("target").resolve(name);
        Files.writeString(archive, "");
        Files.writeString(home.resolve("target").resolve(name + ".jdk"), jdk + "\n");
    }

    /** The launcher's java command line, with JAVA set to the given JDK's java, or unset. */
    private List<String> launch(Path java, List<String> call) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/edit").toString()));
        command.addAll(call);
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().remove("JAVA");
        builder.environment().remove("IMAGE_EDIT_JAVA_OPTS");
        if (java != null) {
            builder.environment().put("JAVA", java.resolve("bin/java").toString());
        }
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out.lines().toList();
    }
}
