<?cs # person_fields.cs: the optional personal fields that are on (Page.Fields.*, set by lib/profile.c) on a form — registering or correcting a user, and one's own account. A field that is off is not here at all. legend: the heading of the date of birth and address; own: the form is the user's own (the browser may fill it in). ?>
<?cs def:person_fields(legend, own) ?>
<?cs if:Page.Fields.Mobile ?><?cs if:own ?><?cs call:field("mobile", Lang.Admin.Users.Mobile, "tel", "tel", 1) ?><?cs else ?><?cs call:field("mobile", Lang.Admin.Users.Mobile, "tel", "off", 1) ?><?cs /if ?><?cs /if ?>
<?cs if:Page.Fields.BirthDate || Page.Fields.Address ?>
<fieldset>
  <legend><?cs var:legend ?></legend>
  <?cs if:Page.Fields.BirthDate ?><?cs if:own ?><?cs call:field("birth_date", Lang.Admin.Users.BirthDate, "date", "bday", 1) ?><?cs else ?><?cs call:field("birth_date", Lang.Admin.Users.BirthDate, "date", "off", 1) ?><?cs /if ?><?cs /if ?>
  <?cs if:Page.Fields.Address ?>
  <?cs if:own ?><?cs call:field("street", Lang.Admin.Users.Street, "text", "address-line1", 1) ?><?cs else ?><?cs call:field("street", Lang.Admin.Users.Street, "text", "off", 1) ?><?cs /if ?>
  <div class="grid-2">
    <div><?cs if:own ?><?cs call:field("postcode", Lang.Admin.Users.Postcode, "text", "postal-code", 1) ?><?cs else ?><?cs call:field("postcode", Lang.Admin.Users.Postcode, "text", "off", 1) ?><?cs /if ?></div>
    <div><?cs if:own ?><?cs call:field("city", Lang.Admin.Users.City, "text", "address-level2", 1) ?><?cs else ?><?cs call:field("city", Lang.Admin.Users.City, "text", "off", 1) ?><?cs /if ?></div>
  </div>
  <div class="field<?cs if:Page.Errors.country ?> has-error<?cs /if ?>">
    <label for="f-country"><?cs var:Lang.Admin.Users.Country ?></label>
    <select id="f-country" name="country"<?cs if:own ?> autocomplete="country"<?cs /if ?><?cs if:Page.Errors.country ?> aria-invalid="true" aria-describedby="e-country"<?cs /if ?>>
      <option value=""><?cs var:Lang.Admin.Users.NoCountry ?></option>
      <?cs each:c = Page.Countries ?><option value="<?cs var:c ?>"<?cs if:c == Page.Form.country ?> selected<?cs /if ?>><?cs var:Lang.Admin.Countries[c] ?></option><?cs /each ?>
    </select>
    <?cs if:Page.Errors.country ?><p class="field-error" id="e-country"><?cs var:Lang.Errors[Page.Errors.country] ?></p><?cs /if ?>
  </div>
  <?cs /if ?>
</fieldset>
<?cs /if ?>
<?cs /def ?>
<?cs # The stored values of those fields in a details list (dt/dd): p is a node that profile_load filled, which holds only the fields that are on. ?>
<?cs def:person_details(p) ?>
<?cs if:p.Mobile ?><dt><?cs var:Lang.Admin.Users.Mobile ?></dt><dd><?cs var:p.Mobile ?></dd><?cs /if ?>
<?cs if:p.BirthDate ?><dt><?cs var:Lang.Admin.Users.BirthDate ?></dt><dd><?cs var:p.BirthDate ?></dd><?cs /if ?>
<?cs if:p.Street ?><dt><?cs var:Lang.Admin.Users.Address ?></dt><dd><?cs var:p.Street ?><br><?cs var:p.Postcode ?> <?cs var:p.City ?><?cs if:p.Country ?><br><?cs alt:Lang.Admin.Countries[p.Country] ?><?cs var:p.Country ?><?cs /alt ?><?cs /if ?></dd><?cs /if ?>
<?cs /def ?>
