<?cs # agreement.cs: the processing agreement of the user's client — the current version in his language, signed or not; the form to sign it for who may sign for the whole client; the signed copies ?>
<?cs include:"partials/form.cs" ?>
<?cs include:"privacy/agreement_text.cs" ?>
<?cs def:title() ?><?cs var:Lang.Privacy.Agreement.Title ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:Lang.Privacy.Agreement.Title ?></h1></div>
<?cs if:Page.Done == "signed" ?><div class="alert alert-success" role="status"><?cs var:Lang.Privacy.Agreement.DoneSigned ?></div>
<?cs elif:Page.Done == "already" && Page.Signed.Id ?><div class="alert alert-info" role="status"><?cs var:Lang.Privacy.Agreement.AlreadyA ?> <?cs var:Page.Signed.Name ?> <?cs var:Lang.Privacy.Agreement.AlreadyB ?> <?cs var:Page.Signed.At ?><?cs var:Lang.Privacy.Agreement.AlreadyC ?></div><?cs /if ?>
<?cs if:Page.Changed ?><div class="alert alert-warn" role="alert"><?cs var:Lang.Privacy.Agreement.Changed ?></div><?cs /if ?>
<?cs call:form_summary() ?>
<?cs if:Page.NoAgreement ?>
<div class="panel"><p class="muted"><?cs var:Lang.Privacy.Agreement.None ?></p></div>
<?cs else ?>
<section class="panel" aria-labelledby="state-h">
  <h2 id="state-h"><?cs var:Lang.Privacy.Agreement.Status ?></h2>
  <dl class="details">
    <dt><?cs var:Lang.Privacy.Agreement.Client ?></dt><dd><?cs var:Page.Client.Name ?></dd>
    <dt><?cs var:Lang.Privacy.Agreement.Processor ?></dt><dd><?cs var:Page.Agency ?></dd>
    <dt><?cs var:Lang.Privacy.Agreement.Version ?></dt><dd><?cs var:Page.Agreement.Version ?></dd>
    <dt><?cs var:Lang.Privacy.Agreement.Status ?></dt>
    <dd><?cs if:Page.Signed.Id ?><span class="badge badge-ok"><?cs var:Lang.Privacy.Agreement.States.signed ?></span> <?cs var:Page.Signed.Name ?> (<?cs var:Page.Signed.Title ?>), <?cs var:Page.Signed.At ?>
      — <a href="<?cs var:Page.Prefix ?>/privacy/agreement/<?cs var:Page.Signed.Id ?>/pdf"><?cs var:Lang.Privacy.Agreement.Download ?></a>
    <?cs else ?><span class="badge badge-warn"><?cs var:Lang.Privacy.Agreement.States.unsigned ?></span><?cs /if ?></dd>
  </dl>
  <?cs if:!Page.May.Sign ?><p class="muted"><?cs var:Lang.Privacy.Agreement.ReadOnly ?> <?cs var:Page.Client.Name ?>.</p><?cs /if ?>
</section>
<article class="panel" aria-labelledby="text-h">
  <h2 id="text-h"><?cs if:Page.Agreement.Title ?><?cs var:Page.Agreement.Title ?><?cs else ?><?cs var:Lang.Privacy.Agreement.Title ?><?cs /if ?></h2>
  <p class="muted small"><?cs var:Lang.Privacy.Agreement.Version ?> <?cs var:Page.Agreement.Version ?> · <?cs var:Page.Client.Name ?> — <?cs var:Page.Agency ?></p>
  <?cs call:agreement_text() ?>
</article>
<?cs if:Page.May.Sign && !Page.Signed.Id ?>
<section class="panel" aria-labelledby="sign-h">
  <h2 id="sign-h"><?cs var:Lang.Privacy.Agreement.SignTitle ?></h2>
  <p><?cs var:Lang.Privacy.Agreement.SignIntroA ?> <?cs var:Page.Client.Name ?> <?cs var:Lang.Privacy.Agreement.SignIntroB ?> <?cs var:Page.Agreement.Version ?> <?cs var:Lang.Privacy.Agreement.SignIntroC ?></p>
  <form method="post" action="<?cs var:Page.Prefix ?>/privacy/agreement" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="version" value="<?cs var:Page.Agreement.Version ?>">
    <input type="hidden" name="sha256" value="<?cs var:Page.Agreement.Sha256 ?>">
    <input type="hidden" name="text_lang" value="<?cs var:Page.Agreement.Lang ?>">
    <?cs call:field("name", Lang.Privacy.Agreement.NameLabel, "text", "name", 1) ?>
    <?cs call:field("title", Lang.Privacy.Agreement.TitleLabel, "text", "organization-title", 1) ?>
    <div class="field field-check<?cs if:Page.Errors.authorised ?> has-error<?cs /if ?>">
      <input type="checkbox" id="f-authorised" name="authorised" value="1"<?cs if:Page.Form.authorised == "1" ?> checked<?cs /if ?><?cs if:Page.Errors.authorised ?> aria-invalid="true" aria-describedby="e-authorised"<?cs /if ?>>
      <label for="f-authorised"><?cs var:Lang.Privacy.Agreement.Authorised ?> <?cs var:Page.Client.Name ?></label>
      <?cs if:Page.Errors.authorised ?><p class="field-error" id="e-authorised"><?cs var:Lang.Privacy.Agreement.AuthorisedRequired ?></p><?cs /if ?>
    </div>
    <div class="actions"><button type="submit" class="btn btn-primary"><?cs var:Lang.Privacy.Agreement.Sign ?></button></div>
  </form>
</section>
<?cs /if ?>
<?cs /if ?>
<?cs if:subcount(Page.History) > 0 ?>
<section class="panel" aria-labelledby="hist-h">
  <h2 id="hist-h"><?cs var:Lang.Privacy.Agreement.History ?></h2>
  <div class="table-wrap" tabindex="0"><table class="data">
    <caption class="visually-hidden"><?cs var:Lang.Privacy.Agreement.History ?></caption>
    <thead><tr><th scope="col"><?cs var:Lang.Privacy.Agreement.Version ?></th><th scope="col"><?cs var:Lang.Privacy.Agreement.By ?></th><th scope="col"><?cs var:Lang.Privacy.Agreement.When ?></th><th scope="col"><?cs var:Lang.Privacy.Agreement.Copy ?></th></tr></thead>
    <tbody><?cs each:h = Page.History ?>
    <tr><th scope="row"><?cs var:h.Version ?><?cs if:h.Current ?> <span class="badge badge-ok"><?cs var:Lang.Privacy.Agreement.Current ?></span><?cs /if ?></th>
      <td><?cs var:h.Name ?><br><span class="small muted"><?cs var:h.Title ?></span></td>
      <td class="nowrap"><?cs var:h.At ?></td>
      <td><a href="<?cs var:Page.Prefix ?>/privacy/agreement/<?cs var:h.Id ?>/pdf" aria-label="<?cs var:Lang.Privacy.Agreement.Download ?>, <?cs var:Lang.Privacy.Agreement.Version ?> <?cs var:h.Version ?>">PDF</a></td></tr>
    <?cs /each ?></tbody>
  </table></div>
</section>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
