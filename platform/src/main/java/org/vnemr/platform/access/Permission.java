package org.vnemr.platform.access;

/** Quyền thao tác: what may be done with a record. */
public enum Permission {
    VIEW("xem"), CREATE("tạo"), EDIT("sửa"), SIGN("ký"), CANCEL("huỷ"), RESTORE("khôi phục"), PRINT("in"),
    EXPORT("xuất");

    private final String vietnamese;

    Permission(String vietnamese) {
        this.vietnamese = vietnamese;
    }

    public String vietnamese() {
        return vietnamese;
    }
}
