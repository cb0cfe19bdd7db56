package io.daytona.controlplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daytona.http.ServiceException;
import org.junit.jupiter.api.Test;

class NetworkAllowListTest {
    @Test
    void normalizesEntries() {
        assertThat(NetworkAllowList.parse(null)).isEmpty();
        assertThat(NetworkAllowList.parse(" 10.0.0.0/8 , 192.168.1.7 ")).containsExactly("10.0.0.0/8", "192.168.1.7/32");
    }

    @Test
    void rejectsMalformedEntriesAndMoreThanFive() {
        assertThatThrownBy(() -> NetworkAllowList.parse("example.com")).isInstanceOf(ServiceException.class)
                .hasMessageContaining("'example.com' is not an IPv4 CIDR");
        assertThatThrownBy(() -> NetworkAllowList.parse("10.0.0.256/8")).hasMessageContaining("10.0.0.256/8");
        assertThatThrownBy(() -> NetworkAllowList.parse("10.0.0.0/33")).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> NetworkAllowList.parse("1.1.1.1,2.2.2.2,3.3.3.3,4.4.4.4,5.5.5.5,6.6.6.6"))
                .hasMessageContaining("at most 5");
    }
}
