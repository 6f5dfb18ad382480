<?cs # select.cs: a labelled select that shows, when refused, the message
     (Page.Errors.<name>), like field() of partials/form.cs; and the pager. ?>
<?cs def:select_open(name, label) ?>
<div class="field<?cs if:Page.Errors[name] ?> has-error<?cs /if ?>">
  <label for="f-<?cs var:name ?>"><?cs var:label ?></label>
  <select id="f-<?cs var:name ?>" name="<?cs var:name ?>"<?cs if:Page.Errors[name] ?> aria-invalid="true" aria-describedby="e-<?cs var:name ?>"<?cs /if ?>>
<?cs /def ?>
<?cs def:select_close(name) ?>
  </select>
  <?cs if:Page.Errors[name] ?><p class="field-error" id="e-<?cs var:name ?>"><?cs var:Lang.Errors[Page.Errors[name]] ?></p><?cs /if ?>
</div>
<?cs /def ?>
<?cs def:option(value, label, current) ?><option value="<?cs var:value ?>"<?cs if:value == current ?> selected<?cs /if ?>><?cs var:label ?></option><?cs /def ?>
<?cs def:pager() ?>
<?cs if:Page.Pager.Pages > 1 ?>
<nav class="pagination" aria-label="<?cs var:Lang.Admin.Pager.Label ?>"><ul>
  <li><?cs if:Page.Pager.Prev ?><a href="<?cs var:Page.Prefix ?><?cs var:Page.Path ?>?<?cs if:Page.Pager.Query ?><?cs var:Page.Pager.Query ?>&amp;<?cs /if ?>page=<?cs var:Page.Pager.Prev ?>" rel="prev"><?cs var:Lang.Admin.Pager.Prev ?></a><?cs else ?><span><?cs var:Lang.Admin.Pager.Prev ?></span><?cs /if ?></li>
  <li><span class="current" aria-current="page"><?cs var:Lang.Admin.Pager.Page ?> <?cs var:Page.Pager.Page ?> / <?cs var:Page.Pager.Pages ?></span></li>
  <li><?cs if:Page.Pager.Next ?><a href="<?cs var:Page.Prefix ?><?cs var:Page.Path ?>?<?cs if:Page.Pager.Query ?><?cs var:Page.Pager.Query ?>&amp;<?cs /if ?>page=<?cs var:Page.Pager.Next ?>" rel="next"><?cs var:Lang.Admin.Pager.Next ?></a><?cs else ?><span><?cs var:Lang.Admin.Pager.Next ?></span><?cs /if ?></li>
</ul></nav>
<?cs /if ?>
<?cs /def ?>
