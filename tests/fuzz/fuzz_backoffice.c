/* fuzz_backoffice.c: the back-office's JSON replies as the portal reads
 * them — a contract (201), the reasons hours were refused (422), a page
 * of invoices — before anything of them reaches the database. The
 * back-office is trusted to be who it is, not to be right: whatever it
 * sends, what passes must fit what is kept. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "contracts.h"
#include "invoice.h"
#include "timesheet.h"
#include "util.h"

static void contract(json_t *j)
{
	ContractAnswer c;

	if (contracts_answer(j, &c))
		return;
	if (!c.no || !*c.no || util_utf8_len(c.no) > 64 || !util_utf8_ok(c.no, 0) || !c.pdf || !*c.pdf)
		abort();
	/* DECIMAL(8,2) and DECIMAL(5,2): at most 6 and 3 digits before the point. */
	if (strlen(c.wage) > 9 || strlen(c.bill) > 9 || strlen(c.premium) > 6 || atof(c.wage) < 0 ||
	    strchr(c.wage, 'n') || strchr(c.bill, 'n') || strchr(c.premium, 'n'))
		abort();
}

static void invoices(json_t *j)
{
	json_t *list = json_object_get(j, "invoices"), *in, *l;
	size_t i, k;

	json_array_foreach(list, i, in) {
		Invoice o;
		json_int_t amount = 0, vat = 0;
		if (invoice_parse(in, &o))
			continue;
		if (!o.number || !*o.number || strlen(o.number) > 64 || !o.date || !o.from || !o.to ||
		    (strcmp(o.kind, "invoice") && strcmp(o.kind, "credit")))
			abort();
		json_array_foreach(o.lines, k, l) {
			InvoiceLine line;
			if (!invoice_line_parse(l, &line) || !line.position || util_utf8_len(line.position) > 200)
				abort();
			amount += line.amount;
			vat += line.vat;
		}
		if (amount != o.amount || vat != o.vat)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = strndup((const char *)data, size), why[300];
	json_error_t jerr;
	json_t *j = json_loads(text, 0, &jerr);

	contract(j);
	invoices(j);
	timesheet_reasons(text, why, sizeof(why));
	if (strlen(why) >= sizeof(why) || !*why)
		abort();
	json_decref(j);
	free(text);
	return 0;
}
