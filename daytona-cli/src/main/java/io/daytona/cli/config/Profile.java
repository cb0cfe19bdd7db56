package io.daytona.cli.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One server the CLI is logged in to, as {@code ~/.config/daytona/config.json} stores it (the
 * upstream CLI's layout, plus {@code organizationKeys}).
 *
 * @param id a stable identifier
 * @param name a readable name, the API URL's host and port
 * @param api where the API is and the key given to {@code daytona login}
 * @param activeOrganizationId the organization chosen with {@code daytona organization use}, or
 *     null for the login key's own organization
 * @param organizationKeys keys this CLI created in other organizations of the user, by
 *     organization ID: an API key belongs to one organization, so switching means using another key
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Profile(String id, String name, Api api, String activeOrganizationId, Map<String, OrganizationKey> organizationKeys) {
    public Profile {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(api, "api is null");
        organizationKeys = organizationKeys == null ? Map.of() : Map.copyOf(organizationKeys);
    }

    /**
     * @param url the API URL, e.g. {@code http://localhost:3000/api}
     * @param key the API key given at login
     * @param organizationId the login key's own organization, when known
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Api(String url, String key, String organizationId) {
        public Api {
            Objects.requireNonNull(url, "url is null");
        }
    }

    /**
     * A key the CLI created in an organization.
     *
     * @param name its name on the server, to delete it at logout
     * @param key its value
     */
    public record OrganizationKey(String name, String key) {
        public OrganizationKey {
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(key, "key is null");
        }
    }

    /** {@return the key for the active organization: the one made for it, or the login key} */
    public String activeKey() {
        OrganizationKey made = activeOrganizationId == null ? null : organizationKeys.get(activeOrganizationId);
        return made == null ? api.key() : made.key();
    }

    /** {@return a copy whose active organization is {@code organizationId} (null: the login key's own)} */
    public Profile withActiveOrganization(String organizationId) {
        return new Profile(id, name, api, organizationId, organizationKeys);
    }

    /** {@return a copy with {@code key} stored for {@code organizationId}} */
    public Profile withOrganizationKey(String organizationId, OrganizationKey key) {
        Map<String, OrganizationKey> keys = new LinkedHashMap<>(organizationKeys);
        keys.put(organizationId, key);
        return new Profile(id, name, api, activeOrganizationId, keys);
    }

    /** {@return a copy without the key of {@code organizationId}} */
    public Profile withoutOrganizationKey(String organizationId) {
        Map<String, OrganizationKey> keys = new LinkedHashMap<>(organizationKeys);
        keys.remove(organizationId);
        return new Profile(id, name, api, activeOrganizationId, keys);
    }
}
