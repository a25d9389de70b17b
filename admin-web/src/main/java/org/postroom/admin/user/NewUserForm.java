package org.postroom.admin.user;

/** The console's new-user form: the address in two parts, the first password and the quota. */
record NewUserForm(String localPart, String domain, String password, String quotaAmount, String quotaUnit) {

    String address() {
        return (localPart == null ? "" : localPart.strip()) + "@" + (domain == null ? "" : domain);
    }

    Long quotaBytes() {
        return new QuotaInput(quotaAmount, quotaUnit).bytes();
    }
}
