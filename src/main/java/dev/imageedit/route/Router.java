package dev.imageedit.route;

import dev.imageedit.ExitCode;
import dev.imageedit.intent.Features;
import java.util.ArrayList;
import java.util.List;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.AgendaGroup;

/**
 * Runs the rules over one request's features. The intent layer runs to completion first (agenda
 * group "intent"), then the routing layer decides (agenda group "route"), then prompt advice is
 * given (agenda group "advice"). Each decision borrows a session from the rule base and gives it
 * back reset, so requests stay independent and the router is safe to share between threads.
 */
public final class Router {
    private final RuleBase rules;
    private final EndpointCatalog catalog;

    public Router(RuleBase rules, EndpointCatalog catalog) {
        this.rules = rules;
        this.catalog = catalog;
    }

    public Decision route(Features features) {
        List<String> fired = new ArrayList<>();
        List<Route> routes = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> advised = new ArrayList<>();
        KieSession session = rules.session();
        AgendaEventListener listener = new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                fired.add(event.getMatch().getRule().getName());
            }
        };
        try {
            session.addEventListener(listener);
            session.insert(features);
            for (String endpoint : catalog.ids()) {
                session.insert(catalog.fit(endpoint, features));
            }
            // The focus stack runs the top group first: intent, then route, then advice. A rule folder
            // of a user's that uses none of these groups has none of them, and runs in MAIN alone.
            for (String group : List.of("advice", "route", "intent")) {
                AgendaGroup agendaGroup = session.getAgenda().getAgendaGroup(group);
                if (agendaGroup != null) {
                    agendaGroup.setFocus();
                }
            }
            session.fireAllRules();
            for (Object fact : session.getObjects()) {
                if (fact instanceof Route route) {
                    routes.add(route);
                } else if (fact instanceof UsageError error) {
                    errors.add(error.message());
                } else if (fact instanceof Warning warning) {
                    warnings.add(warning.message());
                } else if (fact instanceof Advice advice) {
                    advised.add(advice.message());
                }
            }
        } finally {
            session.removeEventListener(listener);
            session.dispose();
        }
        if (!errors.isEmpty()) {
            throw new RoutingError(ExitCode.USAGE, String.join("; ", errors), fired);
        }
        if (routes.size() != 1) {
            throw new RoutingError(ExitCode.DATA, routes.isEmpty()
                    ? "the rules in " + rules.source() + " chose no endpoint for this request"
                    : "the rules in " + rules.source() + " chose " + routes.size() + " endpoints for one request: " + routes, fired);
        }
        Route route = routes.get(0);
        advised.sort(null); // the session's fact order is not the rules' order: keep the output stable
        warnings.addAll(advised);
        if (!catalog.ids().contains(route.endpoint())) {
            throw new RoutingError(ExitCode.DATA, "the rules chose endpoint \"" + route.endpoint()
                    + "\", which has no descriptor; known endpoints: " + String.join(", ", catalog.ids()), fired);
        }
        // Whatever chose the endpoint, it must be able to take the inputs in its mode.
        Fit fit = catalog.fit(route.endpoint(), features);
        if (!fit.fits()) {
            throw new RoutingError(ExitCode.USAGE, catalog.model(route.endpoint()) + " " + fit.reason(), fired);
        }
        return new Decision(route.endpoint(), catalog.model(route.endpoint()), catalog.mode(route.endpoint(), features),
                fired, route.reason(), warnings);
    }
}
