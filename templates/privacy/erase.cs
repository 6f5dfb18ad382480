<?cs # erase.cs: the dry run of an erasure — what goes and what stays under a pseudonym, module by module — and the confirmation ?>
<?cs include:"partials/form.cs" ?>
<?cs def:title() ?><?cs var:Lang.Privacy.Erasure.Title ?> · <?cs var:Page.Subject.Name ?><?cs /def ?>
<?cs def:content() ?>
<div class="page-head"><h1><?cs var:Lang.Privacy.Erasure.Title ?>: <?cs var:Page.Subject.Name ?></h1></div>
<p><a href="<?cs var:Page.Prefix ?><?cs var:Page.Subject.Path ?>"><?cs var:Lang.Privacy.Erasure.Back ?></a></p>
<?cs if:Page.Subject.Erased ?>
<div class="panel"><p><?cs var:Lang.Privacy.Refused.erased ?></p></div>
<?cs else ?>
<?cs call:form_summary() ?>
<p><?cs var:Lang.Privacy.Erasure.PlanIntro ?></p>
<div class="table-wrap" tabindex="0"><table class="data">
  <caption><?cs var:Lang.Privacy.Erasure.Plan ?></caption>
  <thead><tr><th scope="col"><?cs var:Lang.Privacy.Erasure.Part ?></th><th scope="col" class="num"><?cs var:Lang.Privacy.Erasure.Count ?></th><th scope="col"><?cs var:Lang.Privacy.Erasure.Fate ?></th></tr></thead>
  <tbody><?cs each:i = Page.Erasure.Items ?><tr><th scope="row"><?cs var:Lang.Privacy.Erasure.What[i.Code] ?></th><td class="num"><?cs var:i.Count ?></td>
    <td><?cs if:i.Code == "shifts_bound" && i.Count > 0 ?><span class="badge badge-warn"><?cs var:Lang.Privacy.Erasure.Bound ?></span><?cs elif:i.Code == "shifts_open" && i.Count > 0 ?><span class="badge badge-warn"><?cs var:Lang.Privacy.Erasure.Reopened ?></span><?cs elif:i.Kept ?><span class="badge badge-neutral"><?cs var:Lang.Privacy.Erasure.Kept ?></span><?cs elif:i.Count > 0 ?><span class="badge badge-error"><?cs var:Lang.Privacy.Erasure.Removed ?></span><?cs else ?><span class="muted">—</span><?cs /if ?></td></tr><?cs /each ?></tbody>
</table></div>
<ul>
  <li><?cs var:Lang.Privacy.Erasure.KeptWhy ?></li>
  <li><?cs var:Lang.Privacy.Erasure.Sessions ?></li>
  <?cs if:Page.Erasure.Backoffice ?><li><?cs var:Lang.Privacy.Erasure.Backoffice ?></li><?cs /if ?>
  <li><?cs var:Lang.Privacy.Erasure.Certificate ?></li>
  <li><?cs var:Lang.Privacy.Erasure.Tell ?></li>
</ul>
<section class="panel" aria-labelledby="confirm-h">
  <h2 id="confirm-h"><?cs var:Lang.Privacy.Erasure.Confirm ?></h2>
  <form method="post" action="<?cs var:Page.Prefix ?><?cs var:Page.Subject.Path ?>/erase" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <div class="field field-check<?cs if:Page.Errors.confirm ?> has-error<?cs /if ?>">
      <label for="f-confirm"><input type="checkbox" id="f-confirm" name="confirm" value="1" required<?cs if:Page.Errors.confirm ?> aria-invalid="true" aria-describedby="e-confirm"<?cs /if ?>> <?cs var:Lang.Privacy.Erasure.ConfirmText ?></label>
      <?cs if:Page.Errors.confirm ?><p class="field-error" id="e-confirm"><?cs var:Lang.Errors[Page.Errors.confirm] ?></p><?cs /if ?>
    </div>
    <div class="actions"><button type="submit" class="btn btn-danger"><?cs var:Lang.Privacy.Erasure.Do ?></button>
      <a href="<?cs var:Page.Prefix ?><?cs var:Page.Subject.Path ?>"><?cs var:Lang.Privacy.Erasure.Cancel ?></a></div>
  </form>
</section>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
