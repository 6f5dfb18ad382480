<?cs # announcements.cs: notices of outages and maintenance — those of now and to come (to withdraw), the last ones gone, and the form to post one in Dutch, English and French for a period on the agency's clock (Page.Zone) ?>
<?cs include:"partials/form.cs" ?>
<?cs include:"admin/select.cs" ?>
<?cs def:title() ?><?cs var:Lang.Admin.Announce.Title ?><?cs /def ?>
<?cs def:text(name, label, required) ?>
<div class="field<?cs if:Page.Errors[name] ?> has-error<?cs /if ?>">
  <label for="f-<?cs var:name ?>"><?cs var:label ?></label>
  <textarea id="f-<?cs var:name ?>" name="<?cs var:name ?>" rows="2" maxlength="500"<?cs if:required ?> required<?cs /if ?><?cs if:Page.Errors[name] ?> aria-invalid="true" aria-describedby="e-<?cs var:name ?>"<?cs /if ?>><?cs var:Page.Form[name] ?></textarea>
  <?cs if:Page.Errors[name] ?><p class="field-error" id="e-<?cs var:name ?>"><?cs var:Lang.Errors[Page.Errors[name]] ?></p><?cs /if ?>
</div>
<?cs /def ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:Lang.Admin.Announce.Title ?></h1></div>
<?cs if:Page.Done ?><div class="alert alert-success" role="status"><?cs var:Lang.Admin.Announce.Done[Page.Done] ?></div><?cs /if ?>
<p class="muted"><?cs var:Lang.Admin.Announce.Intro ?></p>
<?cs if:subcount(Page.Rows) > 0 ?>
<div class="table-wrap" tabindex="0"><table class="data">
  <caption class="visually-hidden"><?cs var:Lang.Admin.Announce.Title ?></caption>
  <thead><tr><th scope="col"><?cs var:Lang.Admin.Announce.Kind ?></th><th scope="col"><?cs var:Lang.Admin.Announce.Text ?></th><th scope="col"><?cs var:Lang.Admin.Announce.From ?></th><th scope="col"><?cs var:Lang.Admin.Announce.Until ?></th><th scope="col"><span class="visually-hidden"><?cs var:Lang.Admin.Announce.Withdraw ?></span></th></tr></thead>
  <tbody><?cs each:a = Page.Rows ?><tr>
    <td><?cs var:Lang.Announce.Kinds[a.Kind] ?><?cs if:a.Now ?> <span class="badge badge-ok"><?cs var:Lang.Admin.Announce.Shown ?></span><?cs elif:!a.Open ?> <span class="badge badge-neutral"><?cs var:Lang.Admin.Announce.Gone ?></span><?cs /if ?></td>
    <td class="wrap"><span lang="nl"><?cs var:a.Nl ?></span><?cs if:a.En ?><br><span lang="en" class="small"><?cs var:a.En ?></span><?cs /if ?><?cs if:a.Fr ?><br><span lang="fr" class="small"><?cs var:a.Fr ?></span><?cs /if ?></td>
    <td class="nowrap"><?cs var:a.From ?></td><td class="nowrap"><?cs var:a.Until ?></td>
    <td><?cs if:a.Open ?><form method="post" action="<?cs var:Page.Prefix ?>/admin/announcements/<?cs var:a.Id ?>/withdraw" class="inline"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><button type="submit" class="btn btn-quiet"><?cs var:Lang.Admin.Announce.Withdraw ?></button></form><?cs /if ?></td>
  </tr><?cs /each ?></tbody>
</table></div>
<?cs else ?><div class="panel"><p class="muted"><?cs var:Lang.Admin.Announce.None ?></p></div><?cs /if ?>
<section class="panel" aria-labelledby="new-h">
  <h2 id="new-h"><?cs var:Lang.Admin.Announce.New ?></h2>
  <?cs call:form_summary() ?>
  <form method="post" action="<?cs var:Page.Prefix ?>/admin/announcements" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <?cs call:select_open("kind", Lang.Admin.Announce.Kind) ?>
      <?cs each:k = Lang.Announce.Kinds ?><?cs call:option(name(k), k, Page.Form.kind) ?><?cs /each ?>
    <?cs call:select_close("kind") ?>
    <?cs call:text("text_nl", Lang.Admin.Announce.TextNl, 1) ?>
    <?cs call:text("text_en", Lang.Admin.Announce.TextEn, 0) ?>
    <?cs call:text("text_fr", Lang.Admin.Announce.TextFr, 0) ?>
    <div class="grid-2">
      <div><?cs call:field("from_date", Lang.Admin.Announce.FromDate, "date", "off", 1) ?><?cs call:field("from_time", Lang.Admin.Announce.FromTime, "time", "off", 1) ?></div>
      <div><?cs call:field("until_date", Lang.Admin.Announce.UntilDate, "date", "off", 1) ?><?cs call:field("until_time", Lang.Admin.Announce.UntilTime, "time", "off", 1) ?></div>
    </div>
    <p class="muted small"><?cs var:Lang.Admin.Announce.Help ?> (<?cs var:Page.Zone ?>)</p>
    <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Admin.Announce.Post ?></button></div>
  </form>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
