package org.vnemr.emr.demo;

import java.io.PrintStream;

/** What an operator needs after a load: what was loaded, the accounts and (once) their password. */
public final class DemoPrinter {

    private DemoPrinter() {
    }

    public static void print(DemoLoader.Report report, PrintStream out) {
        out.printf("Cơ sở mẫu / demo facility: %s (mã CSKCB %s)%n", DemoFacilityPlan.FACILITY_NAME,
                DemoFacilityPlan.FACILITY_CODE);
        out.printf("Người bệnh / patients: %d nạp mới / loaded, %d đã có / already there; %d lượt khám / visits, "
                        + "%d đợt nội trú / stays; hàng đợi hôm nay / today's queue: %d; %d s%n",
                report.patientsLoaded(), report.patientsSkipped(), report.visits(), report.stays(), report.queue(),
                report.took().toSeconds());
        if (!report.cataloguesActivated().isEmpty()) {
            out.println("Danh mục đã kích hoạt / catalogues activated: " + String.join(", ",
                    report.cataloguesActivated()));
        }
        out.println("Tài khoản / accounts (tên đăng nhập — vai trò — khoa):");
        for (DemoLoader.StaffAccount a : DemoLoader.staffAccounts()) {
            out.printf("  %-18s %-20s %s%n", a.username(), a.role(), a.department());
        }
        if (report.password() != null) {
            out.println("Mật khẩu chung của các tài khoản mẫu / demo password (chỉ hiện một lần / shown once): "
                    + report.password());
        } else {
            out.println("Các tài khoản đã có từ lần nạp trước: mật khẩu không đổi / accounts already existed, "
                    + "password unchanged.");
        }
    }
}
