package org.postroom.smtp.inbound;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolTransport;
import org.apache.james.protocols.api.handler.ProtocolHandlerChain;
import org.apache.james.protocols.smtp.SMTPProtocol;

/** James's SMTP protocol with Postroom's sessions ({@link InboundSession}); built by {@link InboundChains}. */
public final class InboundProtocol extends SMTPProtocol {

    private final InboundConfiguration configuration;

    InboundProtocol(ProtocolHandlerChain chain, InboundConfiguration configuration) {
        super(chain, configuration);
        this.configuration = configuration;
    }

    @Override
    public ProtocolSession newSession(ProtocolTransport transport) {
        return new InboundSession(transport, configuration);
    }
}
