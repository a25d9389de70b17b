package org.postroom.admin.autoconfig;

import java.io.ByteArrayInputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.postroom.storage.InvalidInputException;

/**
 * What an Outlook autodiscover (POX) request asks: the mail address and the response schema it
 * accepts ([MS-OXDSCLI] §2.2.3). Element names are matched without their namespace, as Exchange
 * does. The parser reads no DTD and resolves no entity, so a request cannot make the server read
 * files or other URLs (XXE).
 */
record AutodiscoverRequest(String emailAddress, String acceptableResponseSchema) {

    static final String OUTLOOK_RESPONSE_SCHEMA =
            "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";
    static final int MAX_BYTES = 64 * 1024;

    private static final XMLInputFactory PARSERS = secureParsers();

    /** @throws InvalidInputException when the body is not an autodiscover request with an address */
    static AutodiscoverRequest parse(byte[] body) {
        if (body.length > MAX_BYTES) {
            throw new InvalidInputException("autodiscover request larger than " + MAX_BYTES + " bytes");
        }
        String address = null;
        String schema = null;
        try {
            XMLStreamReader xml = PARSERS.createXMLStreamReader(new ByteArrayInputStream(body));
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "EMailAddress" -> address = xml.getElementText().strip();
                        case "AcceptableResponseSchema" -> schema = xml.getElementText().strip();
                        default -> {
                            // other request elements (LegacyDN) do not change the answer
                        }
                    }
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            // the JDK's parser breaks its contract on some malformed input: a character it does not
            // allow in a DTD comes out as a MissingResourceException for its message "InvalidCharInDTD"
            throw new InvalidInputException("not an autodiscover request: the XML cannot be read");
        }
        if (address == null || address.isEmpty()) {
            throw new InvalidInputException("autodiscover request without EMailAddress");
        }
        return new AutodiscoverRequest(address, schema);
    }

    /** True unless the client asked for another schema (e.g. ActiveSync's mobilesync), which Postroom does not speak. */
    boolean acceptsOutlookSchema() {
        return acceptableResponseSchema == null || acceptableResponseSchema.isEmpty()
                || OUTLOOK_RESPONSE_SCHEMA.equalsIgnoreCase(acceptableResponseSchema);
    }

    private static XMLInputFactory secureParsers() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }
}
