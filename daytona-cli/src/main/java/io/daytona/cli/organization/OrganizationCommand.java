package io.daytona.cli.organization;

import io.daytona.cli.CliContext;
import io.daytona.cli.output.OutputFormat;
import io.daytona.cli.output.Printer;
import io.daytona.cli.output.Table;
import io.daytona.model.organization.Organization;
import io.daytona.sdk.Daytona;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code daytona organization create|list|use|delete}. */
@Command(name = "organization", aliases = "org", mixinStandardHelpOptions = true, description = "Manage Daytona organizations.")
public final class OrganizationCommand implements Runnable {
    @Spec
    CommandSpec spec;

    public static CommandLine commandLine(CliContext context) {
        OrganizationSwitch organizations = new OrganizationSwitch(context);
        return new CommandLine(new OrganizationCommand())
                .addSubcommand(new Create(organizations))
                .addSubcommand(new ListOrganizations(organizations))
                .addSubcommand(new Use(organizations))
                .addSubcommand(new Delete(organizations));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a new organization and set it as active.")
    static final class Create implements Runnable {
        private final OrganizationSwitch organizations;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ORGANIZATION_NAME", description = "The organization's name.")
        String name;

        Create(OrganizationSwitch organizations) {
            this.organizations = Objects.requireNonNull(organizations, "organizations is null");
        }

        @Override
        public void run() {
            try (Daytona login = organizations.loginClient()) {
                Organization created = login.organization().create(name);
                organizations.use(login, created);
                spec.commandLine().getOut().println("Organization " + created.name() + " created (ID " + created.id() + ") and set as active");
                spec.commandLine().getOut().flush();
            }
        }
    }

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "List all organizations.")
    static final class ListOrganizations implements Runnable {
        private final OrganizationSwitch organizations;
        @Spec
        CommandSpec spec;
        @Option(names = {"-f", "--format"}, description = "Output format. Must be one of (${COMPLETION-CANDIDATES}); default a table.")
        OutputFormat format;

        ListOrganizations(OrganizationSwitch organizations) {
            this.organizations = Objects.requireNonNull(organizations, "organizations is null");
        }

        @Override
        public void run() {
            try (Daytona login = organizations.loginClient()) {
                List<Organization> all = login.organization().list();
                var out = spec.commandLine().getOut();
                if (format != null) {
                    Printer.print(out, all, format);
                    return;
                }
                String active = organizations.activeOrganizationId();
                Table table = new Table("ID", "NAME", "PERSONAL", "ACTIVE");
                all.forEach(org -> table.row(org.id(), org.name(), org.personal() ? "yes" : "no", org.id().equals(active) ? "*" : ""));
                out.print(table.render());
                out.flush();
            }
        }
    }

    @Command(name = "use", mixinStandardHelpOptions = true, description = "Set active organization.")
    static final class Use implements Runnable {
        private final OrganizationSwitch organizations;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ORGANIZATION", description = "The organization's ID or name.")
        String organization;

        Use(OrganizationSwitch organizations) {
            this.organizations = Objects.requireNonNull(organizations, "organizations is null");
        }

        @Override
        public void run() {
            try (Daytona login = organizations.loginClient()) {
                Organization found = OrganizationSwitch.find(login, organization);
                organizations.use(login, found);
                spec.commandLine().getOut().println("Organization " + found.name() + " is now active");
                spec.commandLine().getOut().flush();
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an organization (owners only; it must have no sandboxes).")
    static final class Delete implements Runnable {
        private final OrganizationSwitch organizations;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "ORGANIZATION", description = "The organization's ID or name.")
        String organization;

        Delete(OrganizationSwitch organizations) {
            this.organizations = Objects.requireNonNull(organizations, "organizations is null");
        }

        @Override
        public void run() {
            try (Daytona login = organizations.loginClient()) {
                Organization found = OrganizationSwitch.find(login, organization);
                login.organization().delete(found.id());
                organizations.forget(found.id());
                spec.commandLine().getOut().println("Organization " + found.name() + " deleted");
                spec.commandLine().getOut().flush();
            }
        }
    }
}
