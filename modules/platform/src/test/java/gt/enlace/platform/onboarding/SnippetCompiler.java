package gt.enlace.platform.onboarding;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles generated snippets with {@code javax.tools.JavaCompiler} against the test classpath, and runs a compiled
 * {@code main} in its own JVM, the way a user runs it.
 */
final class SnippetCompiler {

    private SnippetCompiler() {
    }

    /**
     * Writes each snippet under {@code dir/src} by its package and class, compiles them into {@code dir/classes}.
     *
     * @param sources fully qualified class name → source
     * @return the classes directory
     * @throws AssertionError with the compiler's messages when a snippet does not compile
     */
    static Path compile(Path dir, java.util.Map<String, String> sources) throws IOException {
        return compile(dir, sources, List.of());
    }

    /** {@link #compile(Path, java.util.Map)} with {@code extra} classpath entries. */
    static Path compile(Path dir, java.util.Map<String, String> sources, List<Path> extra) throws IOException {
        Path src = dir.resolve("src");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> files = new ArrayList<>();
        for (var e : sources.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
            files.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
        }
        List<String> args = new ArrayList<>(List.of("-proc:none", "-encoding", "UTF-8", "-Xlint:none", "-classpath",
                classpath(extra), "-d", classes.toString()));
        args.addAll(files);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, errors, errors, args.toArray(String[]::new));
        if (status != 0) {
            throw new AssertionError("the snippets do not compile:\n" + errors.toString(StandardCharsets.UTF_8));
        }
        return classes;
    }

    /** Starts {@code mainClass} from {@code classes} in a new JVM, output (stdout and stderr) to {@code log}. */
    static Process run(Path classes, String mainClass, Path log, String... args) throws IOException {
        return run(classes, List.of(), mainClass, log, args);
    }

    /** {@link #run(Path, String, Path, String...)} with {@code extra} classpath entries. */
    static Process run(Path classes, List<Path> extra, String mainClass, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx192m", "-XX:TieredStopAtLevel=1",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=gt.enlace", "-cp",
                classes + File.pathSeparator + classpath(extra), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * The test classpath as separate entries: surefire and failsafe may pass it as one manifest-only jar whose
     * {@code Class-Path} lists the real entries; javac is given those.
     */
    static String classpath(List<Path> extra) throws IOException {
        List<String> all = new ArrayList<>();
        extra.forEach(p -> all.add(p.toString()));
        all.add(classpath());
        return String.join(File.pathSeparator, all);
    }

    /**
     * Spring Kafka's jars from the local Maven repository, in the versions Spring Boot's BOM manages: the platform
     * keeps Spring Kafka off its own classpath (so no listener runs inside it), but the Spring Boot listener snippet
     * needs it, as a user's application would.
     *
     * @return the jars, or empty when one is not in the local repository
     */
    static java.util.Optional<List<Path>> springKafkaJars() throws IOException {
        Path repo = Path.of(System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
        String boot = org.springframework.boot.SpringBootVersion.getVersion();
        String spring = org.springframework.core.SpringVersion.getVersion();
        Path bom = repo.resolve("org/springframework/boot/spring-boot-dependencies/" + boot
                + "/spring-boot-dependencies-" + boot + ".pom");
        if (boot == null || spring == null || !Files.exists(bom)) {
            return java.util.Optional.empty();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<spring-kafka.version>([^<]+)<")
                .matcher(Files.readString(bom));
        if (!m.find()) {
            return java.util.Optional.empty();
        }
        String kafka = m.group(1);
        List<Path> jars = List.of(
                repo.resolve("org/springframework/kafka/spring-kafka/" + kafka + "/spring-kafka-" + kafka + ".jar"),
                repo.resolve("org/springframework/boot/spring-boot-kafka/" + boot + "/spring-boot-kafka-" + boot + ".jar"),
                repo.resolve("org/springframework/spring-messaging/" + spring + "/spring-messaging-" + spring + ".jar"),
                repo.resolve("org/springframework/spring-tx/" + spring + "/spring-tx-" + spring + ".jar"));
        return jars.stream().allMatch(Files::exists) ? java.util.Optional.of(jars) : java.util.Optional.empty();
    }

    static String classpath() throws IOException {
        String cp = System.getProperty("java.class.path");
        String[] entries = cp.split(File.pathSeparator);
        if (entries.length != 1 || !entries[0].endsWith(".jar")) {
            return cp;
        }
        try (JarFile jar = new JarFile(entries[0])) {
            Manifest manifest = jar.getManifest();
            String listed = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (listed == null) {
                return cp;
            }
            List<String> paths = new ArrayList<>();
            URI base = Path.of(entries[0]).toAbsolutePath().getParent().toUri();
            for (String url : listed.trim().split("\\s+")) {
                paths.add(Path.of(base.resolve(url)).toString());
            }
            return String.join(File.pathSeparator, paths);
        }
    }
}
