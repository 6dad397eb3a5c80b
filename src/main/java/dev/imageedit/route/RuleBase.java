package dev.imageedit.route;

import dev.imageedit.EditException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.drools.core.common.InternalWorkingMemory;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/** The compiled routing rules: precompiled from {@code rules/} at build time, or a user's folder. */
public final class RuleBase {
    /** Written by kie-maven-plugin: a version line, then one generated model class per line. */
    private static final String MODEL_LIST = "/META-INF/kie/dev.imageedit/image-edit/drools-model";

    private final String source;
    /** A new session costs more than deciding one request in it: decisions reuse pooled ones. */
    private final KieSessionsPool sessions;

    private RuleBase(KieBase kieBase, String source) {
        this.source = source;
        this.sessions = kieBase.newKieSessionsPool(1);
    }

    /**
     * The bundled rules. Their executable model was generated at build time, so nothing is parsed
     * or compiled here: the model classes are instantiated directly, with no KieContainer and no
     * classpath scan.
     */
    public static RuleBase bundled() {
        List<Model> models = new ArrayList<>();
        try (InputStream in = RuleBase.class.getResourceAsStream(MODEL_LIST)) {
            if (in == null) {
                throw new IllegalStateException("the precompiled rules are missing from the jar: " + MODEL_LIST);
            }
            List<String> lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("Drools-Model-Version"))
                    .collect(Collectors.toList());
            for (String className : lines) {
                models.add((Model) Class.forName(className).getDeclaredConstructor().newInstance());
            }
        } catch (IOException | ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the precompiled rules", e);
        }
        return new RuleBase(KieBaseBuilder.createKieBaseFromModel(models), "the bundled rules");
    }

    /** Every {@code .drl} file in a folder, compiled now (slower than the bundled rules: seconds). */
    public static RuleBase fromFolder(Path folder) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".drl")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw EditException.usage("--rules " + folder + " is not a readable folder: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw EditException.usage("--rules " + folder + " holds no .drl files: copy the project's rules/ folder and edit it");
        }
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        for (Path file : files) {
            builder.add(ResourceFactory.newFileResource(file.toFile()), ResourceType.DRL);
        }
        if (builder.hasErrors()) {
            StringBuilder message = new StringBuilder("the rules in " + folder + " do not compile:");
            for (KnowledgeBuilderError error : builder.getErrors()) {
                message.append("\n  ").append(error.getResource() == null ? "" : error.getResource().getSourcePath() + ": ")
                        .append(error.getMessage().strip());
            }
            throw EditException.data(message.toString());
        }
        return new RuleBase(builder.newKieBase(), folder.toString());
    }

    /**
     * A session in the state of a new one; {@code dispose()} resets it and gives it back to the pool.
     * The reset records the fact counter as each activation group's last trigger point and then
     * restarts the counter, so the group would refuse every match of the next request: the decision
     * that fires could no longer cancel the others, and the fallback would fire beside it. The groups
     * are re-armed here, as a new session has them. This takes Drools' internal agenda: the public
     * API clears a group only by its name, and the rules' group names are not public.
     */
    KieSession session() {
        KieSession session = sessions.newKieSession();
        ((InternalWorkingMemory) session).getAgenda().getActivationGroupsMap().values()
                .forEach(group -> group.setTriggeredForRecency(0));
        return session;
    }

    public String source() {
        return source;
    }
}
