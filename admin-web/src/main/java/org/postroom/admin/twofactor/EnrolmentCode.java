package org.postroom.admin.twofactor;

import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.util.Utils;
import org.postroom.storage.twofactor.Totp;

/**
 * What an authenticator app reads to enrol: the {@code otpauth://totp/} URI (Google's Key Uri
 * Format, which every app reads) as a QR code in a {@code data:} URI (the pages' policy allows
 * images from {@code data:}, nothing from elsewhere), and the secret grouped by four for typing.
 */
record EnrolmentCode(String qrCode, String uri, String secret) {

    static EnrolmentCode of(String secret, String account, String issuer) {
        QrData data = new QrData.Builder().label(account).secret(secret).issuer(issuer)
                .algorithm(HashingAlgorithm.SHA1).digits(Totp.DIGITS).period(Totp.PERIOD_SECONDS).build();
        ZxingPngQrGenerator generator = new ZxingPngQrGenerator();
        try {
            return new EnrolmentCode(Utils.getDataUriForImage(generator.generate(data), generator.getImageMimeType()),
                    data.getUri(), secret.replaceAll("(.{4})(?!$)", "$1 "));
        } catch (QrGenerationException e) {
            throw new IllegalStateException("draw the enrolment QR code", e);
        }
    }
}
